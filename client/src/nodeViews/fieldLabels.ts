import { conventionNodes, type ConventionNodeName, type SignatoryKind } from '@ctg/shared'

type RoleOf<K extends ConventionNodeName> = (typeof conventionNodes)[K]['role']

/**
 * The field nodes of the schema: each one needs a label, or the build breaks. Blocks
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

export const FIELD_LABELS: Record<FieldNodeName, FieldLabel> = {
  ficheTitle: { label: 'Intitulé de la fiche', hint: 'Ex. : Développer l’offre d’accueil du jeune enfant' },
  ficheTheme: { label: 'Axe / thématique', hint: 'Précision (facultatif)' },
  ficheObjective: { label: 'Objectif global', hint: 'Décrivez l’objectif poursuivi par cette fiche action…' },
  ficheKeyActions: { label: 'Actions clés', hint: '' },
  keyActionLabel: { label: 'Action', hint: 'Décrivez l’action…' },
  keyActionPilot: { label: 'Pilote', hint: 'Qui pilote ?' },
  ficheExpectedResult: { label: 'Résultat attendu', hint: 'Ce qui aura changé pour les familles et le territoire…' },
  ficheTargetAudience: { label: 'Public cible', hint: 'Familles, jeunes de 11 à 17 ans, professionnels…' },
  ficheTerritory: { label: 'Territoire concerné', hint: 'L’ensemble de l’EPCI, certaines communes…' },
  fichePartners: { label: 'Partenaires associés', hint: '' },
  fichePilot: { label: 'Pilote(s) / porteur', hint: 'Structure et personne référente' },
  ficheFunding: { label: 'Financement', hint: 'Montants, cofinanceurs, dispositifs mobilisés…' },
  ficheIndicators: { label: 'Indicateurs de suivi', hint: '' },
  ficheListItem: { label: 'Élément', hint: 'Saisissez…' },
  indicatorTableTitle: { label: 'Titre du tableau', hint: 'Ex. : Indicateurs de suivi – petite enfance' },
  indicatorLabel: { label: 'Indicateur', hint: 'Intitulé de l’indicateur' },
  indicatorUnit: { label: 'Unité', hint: 'nombre, %, ETP…' },
  indicatorSource: { label: 'Source', hint: 'Caf, EPCI…' },
  indicatorBaseline: { label: 'Valeur de référence', hint: 'Valeur' },
  indicatorYear: { label: 'Année', hint: '' },
  indicatorTarget: { label: 'Cible', hint: '—' },
  indicatorReached: { label: 'Réalisé', hint: '—' },
  // the hint depends on the kind of party: set by the signatory's view (ORGANISATION_HINTS)
  signatoryOrganisation: { label: 'Organisation', hint: '' },
  signatoryFunction: { label: 'Fonction', hint: 'Ex. : Le Directeur, La Présidente, Le Maire' },
  signatoryName: { label: 'Prénom et nom', hint: 'Prénom Nom' },
  signatoryMandate: { label: 'Mandat (délibération)', hint: 'Ex. : délibération du conseil' },
  signatoryPlace: { label: 'Fait à', hint: 'Lieu de signature' },
  indicatorCollector: { label: 'Collecté par', hint: 'Qui recueille la donnée' },
  partyName: { label: 'Nom officiel', hint: 'Ex. : Communauté de communes du Pays de Seyne' },
  partyRepresentativeFunction: { label: 'Représentée par (fonction)', hint: 'Ex. : son Président' },
  partyRepresentativeName: { label: 'Prénom et nom du représentant', hint: 'Prénom Nom' },
  partyDeliberationBody: { label: 'Autorisé par (instance)', hint: 'Ex. : le conseil communautaire' },
  territoryEpci: { label: 'EPCI', hint: 'Nom de l’EPCI' },
  communeName: { label: 'Commune', hint: 'Nom de la commune' },
  planningTableTitle: { label: 'Titre du tableau', hint: 'Ex. : Programmation de l’offre petite enfance' },
  planningLabel: { label: 'Offre', hint: 'Ex. : Places en micro-crèche' },
  planningUnit: { label: 'Unité', hint: 'places, ETP…' },
  planningExisting: { label: 'Existant à la signature', hint: '—' },
  planningYear: { label: 'Année', hint: '' },
  planningPlanned: { label: 'Prévu', hint: '—' },
  planningAchieved: { label: 'Réalisé', hint: '—' },
}

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
