/** Who a person works for: the Caf, the EPCI, one of its communes, or another partner. */
export const ORGANISATION_KINDS = ['caf', 'epci', 'commune', 'partenaire'] as const
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number]

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  caf: 'Caf',
  epci: 'EPCI',
  commune: 'Commune',
  partenaire: 'Partenaire',
}
