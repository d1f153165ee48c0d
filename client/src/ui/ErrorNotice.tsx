import { ApiError } from '../api/ApiError.js'

/** An API error in French, with the server's list of problems when it gives one. */
export function ErrorNotice({
  error,
  title,
  hint,
  onDismiss,
}: {
  error: unknown
  title?: string
  /** what the person can do about it, in French */
  hint?: string
  onDismiss?: () => void
}) {
  const message =
    error instanceof ApiError ? error.userMessage : error instanceof Error ? error.message : 'Une erreur est survenue.'
  const issues = error instanceof ApiError ? error.issues : []
  return (
    <div className="notice notice--error" role="alert" data-testid="error-notice">
      {onDismiss && (
        <button type="button" className="icon-button notice__close" onClick={onDismiss} aria-label="Fermer ce message">
          <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
            <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
        </button>
      )}
      {title && <p className="notice__title">{title}</p>}
      <p>{message}</p>
      {hint && <p className="notice__hint">{hint}</p>}
      {issues.length > 0 && (
        <>
          <p className="notice__detail">
            {issues.length === 1 ? 'Problème relevé :' : `${issues.length} problèmes relevés :`}
          </p>
          <ul className="notice__issues">
            {issues.slice(0, 20).map((issue, i) => (
              <li key={i}>
                {issue.path && <code>{issue.path}</code>} {issue.message}
              </li>
            ))}
            {issues.length > 20 && <li>… et {issues.length - 20} autres.</li>}
          </ul>
        </>
      )}
    </div>
  )
}
