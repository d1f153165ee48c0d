import { CONVENTION_STATUS_LABELS, CONVENTION_STATUSES, statusRank, type ConventionStatus } from '@ctg/shared'

/** Brouillon → Validée en COPIL → Adoptée → Signée, the current step marked; an owner moves it forward. */
export function StatusStepper({
  status,
  canAdvance,
  busy,
  onAdvance,
}: {
  status: ConventionStatus
  canAdvance: boolean
  busy: boolean
  onAdvance: (status: Exclude<ConventionStatus, 'draft'>) => void
}) {
  const rank = statusRank(status)
  const next = CONVENTION_STATUSES[rank + 1] as Exclude<ConventionStatus, 'draft'> | undefined
  return (
    <div className="status-stepper" data-testid="status-stepper">
      <ol className="status-stepper__steps" aria-label="Étapes de la convention">
        {CONVENTION_STATUSES.map((step, index) => (
          <li
            key={step}
            className={`status-stepper__step${index < rank ? ' is-done' : ''}${index === rank ? ' is-current' : ''}`}
            aria-current={index === rank ? 'step' : undefined}
          >
            <span className="status-stepper__dot" aria-hidden="true">
              {index + 1}
            </span>
            {CONVENTION_STATUS_LABELS[step]}
          </li>
        ))}
      </ol>
      {canAdvance && next && (
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          onClick={() => onAdvance(next)}
          data-testid="status-advance"
        >
          Passer à l’étape « {CONVENTION_STATUS_LABELS[next]} »
        </button>
      )}
    </div>
  )
}
