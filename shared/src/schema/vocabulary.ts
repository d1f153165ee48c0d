/**
 * The closed vocabularies of a convention (values stored in attributes).
 * French labels for the interface live in `labels.ts`.
 */

export const THEMES = [
  'acces_aux_droits',
  'petite_enfance',
  'enfance',
  'jeunesse',
  'parentalite',
  'animation_vie_sociale',
  'logement_cadre_de_vie',
  'handicap',
  'accompagnement_social',
  'coordination_gouvernance',
  'promotion_des_metiers',
  'autre',
] as const
export type Theme = (typeof THEMES)[number]

export const FOLLOW_UP_STATUSES = ['a_engager', 'en_cours', 'realisee', 'reportee', 'abandonnee'] as const
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number]

export const INDICATOR_KINDS = ['realisation', 'resultat', 'impact'] as const
export type IndicatorKind = (typeof INDICATOR_KINDS)[number]

export const SIGNATORY_KINDS = ['caf', 'epci', 'commune', 'departement', 'msa', 'autre'] as const
export type SignatoryKind = (typeof SIGNATORY_KINDS)[number]

export const CIVILITIES = ['madame', 'monsieur'] as const
export type Civility = (typeof CIVILITIES)[number]

export const HEADING_LEVELS = [1, 2, 3] as const

/** Who a convention binds: the Caf, the EPCI, communes, and sometimes the Département, the MSA or the State. */
export const PARTY_KINDS = ['caf', 'epci', 'commune', 'departement', 'msa', 'etat', 'autre'] as const
export type PartyKind = (typeof PARTY_KINDS)[number]

/** How often an indicator is collected. */
export const INDICATOR_FREQUENCIES = [
  'mensuelle',
  'trimestrielle',
  'semestrielle',
  'annuelle',
  'fin_de_convention',
] as const
export type IndicatorFrequency = (typeof INDICATOR_FREQUENCIES)[number]
