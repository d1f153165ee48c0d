import { initialsOf } from './initialsOf.js'
import type { Participant } from './usePresence.js'

const VISIBLE = 5

/** The people on the document, as coloured initials; the names show on hover and to screen readers. */
export function PresenceList({ participants }: { participants: Participant[] }) {
  const visible = participants.slice(0, VISIBLE)
  const hidden = participants.slice(VISIBLE)
  const others = participants.filter((p) => !p.isSelf).length
  return (
    <div className="presence">
      <ul className="presence__list" data-testid="presence-list" aria-label="Personnes sur ce document">
        {visible.map((p) => {
          const label = p.isSelf ? `${p.name} (vous)` : p.name
          return (
            <li
              key={p.id}
              className={`avatar${p.isSelf ? ' avatar--self' : ''}`}
              style={{ backgroundColor: p.color }}
              title={label}
              data-testid="presence-user"
              data-self={p.isSelf ? 'true' : undefined}
            >
              <span aria-hidden="true">{initialsOf(p.name)}</span>
              <span className="visually-hidden">{label}</span>
            </li>
          )
        })}
        {hidden.length > 0 && (
          <li className="avatar avatar--more" title={hidden.map((p) => p.name).join(', ')}>
            +{hidden.length}
          </li>
        )}
      </ul>
      <span className="visually-hidden" aria-live="polite">
        {others === 0
          ? 'Personne d’autre en ligne'
          : others === 1
            ? '1 autre personne en ligne'
            : `${others} autres personnes en ligne`}
      </span>
    </div>
  )
}
