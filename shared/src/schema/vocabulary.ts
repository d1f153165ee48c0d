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
