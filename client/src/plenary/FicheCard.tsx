import { FIELD_LABELS } from '../nodeViews/fieldLabels.js'
import { CollapsibleCard } from './CollapsibleCard.js'
import type { CommentTarget } from './commentTarget.js'
import { FieldView, Inline, keyOf } from './LiveNodes.js'
import { childElement, childElements, ficheName, plainText, type FicheOutline } from './yContent.js'

export interface FicheCardActions {
  /** the fiches this participant supports */
  supported: ReadonlySet<string>
  /** supports left; null until the server said */
  remaining: number | null
  supportBusy: boolean
  onSupport: (blockId: string, support: boolean) => void
  onComment: (target: CommentTarget) => void
}

const FIELDS = [
  'ficheObjective',
  'ficheExpectedResult',
  'ficheTargetAudience',
  'ficheTerritory',
  'fichePartners',
  'fichePilot',
  'ficheFunding',
  'ficheIndicators',
] as const

/** A fiche action on a phone: its name and the support button always, its content when opened. */
export function FicheCard({
  fiche,
  expanded,
  onToggle,
  supported,
  remaining,
  supportBusy,
  onSupport,
  onComment,
  level,
}: FicheCardActions & { fiche: FicheOutline; expanded: boolean; onToggle: () => void; level: number }) {
  const isSupported = supported.has(fiche.id)
  const name = ficheName(fiche)
  const noneLeft = !isSupported && remaining !== null && remaining <= 0
  const node = fiche.element
  const actions = childElements(childElement(node, 'ficheKeyActions'), 'keyAction')

  const support = (
    <div className={`live-support${isSupported ? ' is-supported' : ''}`}>
      {isSupported ? (
        <>
          <p className="live-support__state">
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
              <path
                d="M5 12.5l4.5 4.5L19 7.5"
                fill="none"
                stroke="currentColor"
                strokeWidth="2.6"
                strokeLinecap="round"
              />
            </svg>
            Vous soutenez cette fiche
          </p>
          <button
            type="button"
            className="button button--secondary live-support__button"
            disabled={supportBusy}
            onClick={() => onSupport(fiche.id, false)}
            data-testid="support-remove"
          >
            Retirer<span className="visually-hidden"> mon soutien à la fiche n°{fiche.number}</span>
          </button>
        </>
      ) : (
        <button
          type="button"
          className="button button--primary live-support__button"
          disabled={supportBusy || noneLeft}
          onClick={() => onSupport(fiche.id, true)}
          aria-describedby={noneLeft ? 'supports-left' : undefined}
          data-testid="support-add"
        >
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
            <path
              d="M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10z"
              fill="none"
              stroke="currentColor"
              strokeWidth="2.2"
              strokeLinejoin="round"
            />
          </svg>
          Soutenir<span className="visually-hidden"> la fiche n°{fiche.number}</span>
        </button>
      )}
    </div>
  )

  return (
    <CollapsibleCard
      id={fiche.id}
      kicker={`Fiche action n°${fiche.number}${fiche.theme && fiche.title ? ` · ${fiche.theme}` : ''}`}
      title={fiche.title || fiche.theme || 'Sans titre'}
      expanded={expanded}
      onToggle={onToggle}
      actions={support}
      className={`live-card--fiche${isSupported ? ' is-supported' : ''}`}
      level={level}
    >
      {FIELDS.slice(0, 1).map((field) => (
        <FieldView key={field} label={FIELD_LABELS[field].label} node={childElement(node, field)} />
      ))}
      {actions.length > 0 && (
        <div className="live-field">
          <p className="live-field__label">{FIELD_LABELS.ficheKeyActions.label}</p>
          <ol className="live-actions">
            {actions.map((action, i) => {
              const id = String(action.getAttribute('id') ?? '')
              const number = `${fiche.number}.${i + 1}`
              const label = plainText(childElement(action, 'keyActionLabel')).trim()
              const pilot = childElement(action, 'keyActionPilot')
              return (
                <li key={keyOf(action)} className="live-action" data-block-id={id}>
                  <p className="live-action__label">
                    <span className="live-action__number">{number}</span>{' '}
                    {childElement(action, 'keyActionLabel') && (
                      <Inline node={childElement(action, 'keyActionLabel')!} />
                    )}
                  </p>
                  {pilot && plainText(pilot).trim() && (
                    <p className="live-action__pilot">
                      Pilote : <Inline node={pilot} />
                    </p>
                  )}
                  <button
                    type="button"
                    className="button button--secondary live-comment-button"
                    onClick={() =>
                      onComment({
                        kind: 'block',
                        blockId: id,
                        label: label ? `Action clé ${number} — ${label}` : `Action clé ${number}`,
                      })
                    }
                    data-testid="comment-key-action"
                  >
                    Commenter l’action {number}
                  </button>
                </li>
              )
            })}
          </ol>
        </div>
      )}
      {FIELDS.slice(1).map((field) => (
        <FieldView key={field} label={FIELD_LABELS[field].label} node={childElement(node, field)} />
      ))}
      <button
        type="button"
        className="button button--secondary live-comment-button live-comment-button--fiche"
        onClick={() => onComment({ kind: 'block', blockId: fiche.id, label: name })}
        data-testid="comment-fiche"
      >
        Commenter la fiche n°{fiche.number}
      </button>
    </CollapsibleCard>
  )
}
