import { CONVENTION_LABELS } from '@ctg/extensions'
import { conventionNodes, type ConventionNodeName, type SignatoryKind } from '@ctg/shared'

type RoleOf<K extends ConventionNodeName> = (typeof conventionNodes)[K]['role']

/**
 * The field nodes of the schema: each one needs a hint, or the build breaks. Blocks
 * and entries declare their role literally; fields built by the schema's helpers
 * carry the wider `NodeRole` type, hence the test on "exactly block / entry".
 */
export type FieldNodeName = {
  [K in ConventionNodeName]: [RoleOf<K>] extends ['block'] ? never : [RoleOf<K>] extends ['entry'] ? never : K
}[ConventionNodeName]

export interface FieldLabel {
  /** shown above the field, never editable */
  label: string
  /** shown inside the field while it is empty */
  hint: string
}

/** What a field shows inside while it is empty. */
export const FIELD_HINTS: Record<FieldNodeName, string> = {
  ficheTitle: 'Ex. : Développer l’offre d’accueil du jeune enfant',
  ficheTheme: 'Précision (facultatif)',
  ficheObjective: 'Décrivez l’objectif poursuivi par cette fiche action…',
  ficheKeyActions: '',
  keyActionLabel: 'Décrivez l’action…',
  keyActionPilot: 'Qui pilote ?',
  ficheExpectedResult: 'Ce qui aura changé pour les familles et le territoire…',
  ficheTargetAudience: 'Familles, jeunes de 11 à 17 ans, professionnels…',
  ficheTerritory: 'L’ensemble de l’EPCI, certaines communes…',
  fichePartners: '',
  fichePilot: 'Structure et personne référente',
  ficheFunding: 'Montants, cofinanceurs, dispositifs mobilisés…',
  ficheIndicators: '',
  ficheListItem: 'Saisissez…',
  indicatorTableTitle: 'Ex. : Indicateurs de suivi – petite enfance',
  indicatorLabel: 'Intitulé de l’indicateur',
  indicatorUnit: 'nombre, %, ETP…',
  indicatorSource: 'Caf, EPCI…',
  indicatorBaseline: 'Valeur',
  indicatorYear: '',
  indicatorTarget: '—',
  indicatorReached: '—',
  // the hint depends on the kind of party: set by the signatory's view (ORGANISATION_HINTS)
  signatoryOrganisation: '',
  signatoryFunction: 'Ex. : Le Directeur, La Présidente, Le Maire',
  signatoryName: 'Prénom Nom',
  signatoryMandate: 'Ex. : délibération du conseil',
  signatoryPlace: 'Lieu de signature',
  indicatorCollector: 'Qui recueille la donnée',
  partyName: 'Ex. : Communauté de communes du Pays de Seyne',
  partyRepresentativeFunction: 'Ex. : son Président',
  partyRepresentativeName: 'Prénom Nom',
  partyDeliberationBody: 'Ex. : le conseil communautaire',
  territoryEpci: 'Nom de l’EPCI',
  communeName: 'Nom de la commune',
  planningTableTitle: 'Ex. : Programmation de l’offre petite enfance',
  planningLabel: 'Ex. : Places en micro-crèche',
  planningUnit: 'places, ETP…',
  planningExisting: '—',
  planningYear: '',
  planningPlanned: '—',
  planningAchieved: '—',
}

/** Each field's French label (from `@ctg/extensions`) and hint, outside the editor (the plénière's cards). */
export const FIELD_LABELS = Object.fromEntries(
  (Object.keys(FIELD_HINTS) as FieldNodeName[]).map((name) => [
    name,
    { label: CONVENTION_LABELS[name], hint: FIELD_HINTS[name] },
  ]),
) as Record<FieldNodeName, FieldLabel>

/** Hints of list items, which depend on the list they belong to. */
export const LIST_ITEM_HINTS: Record<'fichePartners' | 'ficheIndicators', string> = {
  fichePartners: 'Nom du partenaire (Conseil départemental, MSA, PMI, CCAS…)',
  ficheIndicators: 'Intitulé de l’indicateur',
}

/** Hints of a signatory's organisation, by kind of party. */
export const ORGANISATION_HINTS: Record<SignatoryKind, string> = {
  caf: 'Ex. : La Caf des Alpes-de-Haute-Provence',
  epci: 'Ex. : Communauté d’agglomération Provence Alpes Agglomération',
  commune: 'Ex. : Commune de Digne-les-Bains',
  departement: 'Ex. : Département des Alpes-de-Haute-Provence',
  msa: 'Ex. : MSA Alpes-Vaucluse',
  autre: 'Nom de l’organisation',
}
