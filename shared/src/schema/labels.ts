import type {
  Civility,
  FollowUpStatus,
  IndicatorFrequency,
  IndicatorKind,
  PartyKind,
  SignatoryKind,
  Theme,
} from './vocabulary.js'

/** French labels of the vocabularies, shown in the interface and in human-readable exports. */
export const THEME_LABELS: Record<Theme, string> = {
  acces_aux_droits: 'Accès aux droits et inclusion numérique',
  petite_enfance: 'Petite enfance',
  enfance: 'Enfance',
  jeunesse: 'Jeunesse',
  parentalite: 'Parentalité',
  animation_vie_sociale: 'Animation de la vie sociale',
  logement_cadre_de_vie: 'Logement, habitat et cadre de vie',
  handicap: 'Handicap',
  accompagnement_social: 'Accompagnement social',
  coordination_gouvernance: 'Coordination et gouvernance',
  promotion_des_metiers: 'Promotion des métiers',
  autre: 'Autre (à préciser)',
}

export const FOLLOW_UP_STATUS_LABELS: Record<FollowUpStatus, string> = {
  a_engager: 'À engager',
  en_cours: 'En cours',
  realisee: 'Réalisée',
  reportee: 'Reportée',
  abandonnee: 'Abandonnée',
}

export const INDICATOR_KIND_LABELS: Record<IndicatorKind, string> = {
  realisation: 'Réalisation',
  resultat: 'Résultat',
  impact: 'Impact',
}

export const SIGNATORY_KIND_LABELS: Record<SignatoryKind, string> = {
  caf: 'Caf',
  epci: 'EPCI',
  commune: 'Commune',
  departement: 'Département',
  msa: 'MSA',
  autre: 'Autre partenaire',
}

export const CIVILITY_LABELS: Record<Civility, string> = {
  madame: 'Madame',
  monsieur: 'Monsieur',
}

export const PARTY_KIND_LABELS: Record<PartyKind, string> = {
  caf: 'Caf',
  epci: 'EPCI',
  commune: 'Commune',
  departement: 'Département',
  msa: 'MSA',
  etat: 'État',
  autre: 'Autre partie',
}

export const INDICATOR_FREQUENCY_LABELS: Record<IndicatorFrequency, string> = {
  mensuelle: 'Mensuelle',
  trimestrielle: 'Trimestrielle',
  semestrielle: 'Semestrielle',
  annuelle: 'Annuelle',
  fin_de_convention: 'En fin de convention',
}
