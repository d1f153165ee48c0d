import type { ReactNode } from 'react'

/**
 * A block of the convention as a card whose heading opens and closes it: the whole
 * heading is the button (a large target on a phone), its state said by `aria-expanded`.
 */
export function CollapsibleCard({
  id,
  kicker,
  title,
  expanded,
  onToggle,
  children,
  actions,
  className,
  level = 2,
}: {
  id: string
  kicker: string
  title: string
  expanded: boolean
  onToggle: () => void
  children: ReactNode
  /** always shown, open or closed (Soutenir) */
  actions?: ReactNode
  className?: string
  /** the heading's level in the page's outline (after the document's headings above it) */
  level?: number
}) {
  const bodyId = `card-body-${id}`
  const headingId = `card-heading-${id}`
  const Heading = `h${Math.min(6, Math.max(2, level))}` as 'h2'
  return (
    <section
      className={`live-card${expanded ? ' is-open' : ''}${className ? ` ${className}` : ''}`}
      aria-labelledby={headingId}
      data-block-id={id}
      data-testid="live-card"
    >
      <Heading className="live-card__heading" id={headingId}>
        <button
          type="button"
          className="live-card__toggle"
          aria-expanded={expanded}
          aria-controls={bodyId}
          onClick={onToggle}
        >
          <span className="live-card__kicker">{kicker}</span>
          <span className="live-card__title">{title}</span>
          <svg className="live-card__chevron" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
            <path d="M6 9l6 6 6-6" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />
          </svg>
        </button>
      </Heading>
      {actions}
      <div className="live-card__body" id={bodyId} hidden={!expanded}>
        {expanded && children}
      </div>
    </section>
  )
}
