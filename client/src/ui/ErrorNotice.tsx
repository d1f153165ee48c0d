import { ApiError } from '../api/ApiError.js'

/** An API error in French, with the server's list of problems when it gives one. */
export function ErrorNotice({ error, title }: { error: unknown; title?: string }) {
  const message =
    error instanceof ApiError ? error.userMessage : error instanceof Error ? error.message : 'Une erreur est survenue.'
  const issues = error instanceof ApiError ? error.issues : []
  return (
    <div className="notice notice--error" role="alert" data-testid="error-notice">
      {title && <p className="notice__title">{title}</p>}
      <p>{message}</p>
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
