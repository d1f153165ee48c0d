import { ROLE_LABELS, type ConventionSummary } from '@ctg/shared'
import type { ReactNode } from 'react'
import { formatDate, formatDateTime, formatRelative } from '../format/formatDate.js'
import { formatPeriod } from '../format/formatPeriod.js'
import { Link } from '../routing/Link.js'
import { conventionPath } from '../routing/route.js'

/** `actions`: buttons under the card (an owner's "Mettre à la corbeille"), above its full-size link. */
export function ConventionCard({ convention, actions }: { convention: ConventionSummary; actions?: ReactNode }) {
  const { id, title, period, updatedAt, createdAt, issues, role } = convention
  return (
    <li className="convention-card" data-testid="convention-card" data-convention-id={id}>
      <div className="convention-card__period">
        <span className="visually-hidden">Période </span>
        {formatPeriod(period)}
      </div>
      <h2 className="convention-card__title">
        <Link href={conventionPath(id)} className="convention-card__link">
          {title || 'Convention sans titre'}
        </Link>
      </h2>
      <dl className="convention-card__meta">
        {role && (
          <div>
            <dt>Votre rôle</dt>
            <dd data-testid="convention-role">{ROLE_LABELS[role]}</dd>
          </div>
        )}
        <div>
          <dt>Dernière modification</dt>
          <dd>
            <time dateTime={updatedAt} title={formatDateTime(updatedAt)}>
              {formatRelative(updatedAt)}
            </time>
          </dd>
        </div>
        <div>
          <dt>Créée le</dt>
          <dd>
            <time dateTime={createdAt} title={formatDateTime(createdAt)}>
              {formatDate(createdAt)}
            </time>
          </dd>
        </div>
      </dl>
      {issues > 0 && (
        <p
          className="badge badge--warning convention-card__issues"
          data-testid="convention-issues"
          title="Le serveur a relevé des éléments non conformes au modèle de convention. Ouvrez la convention pour les consulter."
        >
          <span aria-hidden="true">⚠</span> {issues === 1 ? '1 point à vérifier' : `${issues} points à vérifier`}
        </p>
      )}
      {actions && <div className="convention-card__actions">{actions}</div>}
    </li>
  )
}
