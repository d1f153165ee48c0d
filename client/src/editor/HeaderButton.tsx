import { LineIcon } from '../ui/LineIcon.js'

interface HeaderButtonProps {
  /** The SVG path of the line icon shown before the label. */
  icon: string
  filled?: boolean
  label: string
  onClick: () => void
  testId: string
}

/** One of the editor header's actions (Partager, Exporter, Historique…): an icon and a word. */
export function HeaderButton({ icon, filled, label, onClick, testId }: HeaderButtonProps) {
  return (
    <button type="button" className="button button--secondary" onClick={onClick} data-testid={testId}>
      <LineIcon d={icon} filled={filled} />
      {label}
    </button>
  )
}
