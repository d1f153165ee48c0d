import type { Issue } from '@ctg/shared'

/** The schema problems the server found in the stored document: discreet, but available. */
export function IssuesNotice({ issues }: { issues: Issue[] }) {
  if (issues.length === 0) return null
  return (
    <details className="issues-notice" data-testid="convention-issues">
      <summary>
        <span aria-hidden="true">⚠</span>{' '}
        {issues.length === 1
          ? '1 élément du document n’est pas conforme au modèle de convention'
          : `${issues.length} éléments du document ne sont pas conformes au modèle de convention`}
      </summary>
      <p>Ces points n’empêchent pas la rédaction, mais l’export structuré pourrait être incomplet.</p>
      <ul>
        {issues.slice(0, 30).map((issue, i) => (
          <li key={i}>
            {issue.path && <code>{issue.path}</code>} {issue.message}
          </li>
        ))}
      </ul>
    </details>
  )
}
