import type { ReactNode } from 'react'
import { Link } from '../routing/Link.js'

/** In place of the document, when the server will not (or no longer) let this person in. */
export function AccessRefused({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <div className="empty-state" role="alert" data-testid={testId}>
      <h2>{title}</h2>
      <p>{children}</p>
      <Link href="/" className="button button--primary">
        Retour à mes conventions
      </Link>
    </div>
  )
}
