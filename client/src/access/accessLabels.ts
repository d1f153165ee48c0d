import type { OrganisationKind, Role } from '../api/types.js'

/** The interface's words for roles and organisations. */
export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Propriétaire',
  editor: 'Rédacteur',
  commenter: 'Commentateur',
  reader: 'Lecteur',
}

export const ROLE_HINTS: Record<Role, string> = {
  owner: 'rédige, partage et gère les accès',
  editor: 'rédige la convention',
  commenter: 'lit et commente, sans modifier le texte',
  reader: 'lit uniquement',
}

export const ORGANISATION_LABELS: Record<OrganisationKind, string> = {
  caf: 'Caf',
  epci: 'EPCI',
  commune: 'Commune',
  partenaire: 'Partenaire',
}

export const ROLES = Object.keys(ROLE_LABELS) as Role[]
export const ORGANISATION_KINDS = Object.keys(ORGANISATION_LABELS) as OrganisationKind[]

/** Whether a role may change the document's content. */
export const canEdit = (role: Role | null | undefined) => role === 'owner' || role === 'editor'
