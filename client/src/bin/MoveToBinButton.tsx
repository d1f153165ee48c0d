import { useState } from 'react'
import { LineIcon } from '../ui/LineIcon.js'
import { confirmMoveToBin } from './confirmMoveToBin.js'

/** The trash can path: lid, can, two strokes inside. */
export const BIN_ICON = 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13M10 11v6M14 11v6'

/**
 * "Mettre à la corbeille", owners only: asks for confirmation, then moves the convention to
 * the bin. `label` names the convention for screen readers where several buttons sit side by side.
 */
export function MoveToBinButton({
  conventionId,
  title,
  onMoved,
  onError,
  label,
  className = 'button button--secondary',
}: {
  conventionId: string
  title: string
  onMoved: () => void
  onError: (error: unknown) => void
  label?: string
  className?: string
}) {
  const [busy, setBusy] = useState(false)
  const moveToBin = async () => {
    setBusy(true)
    try {
      if (await confirmMoveToBin(conventionId, title)) onMoved()
    } catch (error) {
      onError(error)
    } finally {
      setBusy(false)
    }
  }
  return (
    <button
      type="button"
      className={className}
      onClick={moveToBin}
      disabled={busy}
      aria-label={label}
      data-testid="move-to-bin"
    >
      <LineIcon d={BIN_ICON} />
      Mettre à la corbeille
    </button>
  )
}
