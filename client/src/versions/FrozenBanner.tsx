import './versions.css'
import { CONVENTION_STATUS_LABELS, type ConventionStatus } from '@ctg/shared'

/** Says why nobody can edit: the convention was adopted (or signed); changes go through an avenant. */
export function FrozenBanner({ status }: { status: ConventionStatus }) {
  return (
    <div className="editor-canvas__notice notice notice--info frozen-banner" role="status" data-testid="frozen-banner">
      <p>
        <strong>Convention {CONVENTION_STATUS_LABELS[status].toLowerCase()} : elle ne peut plus être modifiée.</strong>{' '}
        Son texte est figé, avec les numéros des fiches et des actions. Pour la faire évoluer, une personne propriétaire
        commence un avenant depuis l’historique.
      </p>
    </div>
  )
}
