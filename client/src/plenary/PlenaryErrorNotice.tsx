import { plenaryErrorMessage } from './plenaryErrorMessage.js'

/** A refused plénière request, in French. */
export function PlenaryErrorNotice({
  error,
  title,
  onDismiss,
}: {
  error: unknown
  title: string
  onDismiss?: () => void
}) {
  return (
    <div className="notice notice--error" role="alert" data-testid="error-notice">
      {onDismiss && (
        <button type="button" className="icon-button notice__close" onClick={onDismiss} aria-label="Fermer ce message">
          <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
            <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
        </button>
      )}
      <p className="notice__title">{title}</p>
      <p>{plenaryErrorMessage(error)}</p>
    </div>
  )
}
