import {
  CIVILITIES,
  CIVILITY_LABELS,
  FOLLOW_UP_STATUS_LABELS,
  FOLLOW_UP_STATUSES,
  INDICATOR_KIND_LABELS,
  INDICATOR_KINDS,
  SIGNATORY_KIND_LABELS,
  SIGNATORY_KINDS,
  THEME_LABELS,
  THEMES,
} from '@ctg/shared'

/** The closed vocabularies as [value, French label] pairs for the selects, in the schema's order. */
export const STATUS_OPTIONS = FOLLOW_UP_STATUSES.map((s) => [s, FOLLOW_UP_STATUS_LABELS[s]] as const)
export const THEME_OPTIONS = THEMES.map((t) => [t, THEME_LABELS[t]] as const)
export const INDICATOR_KIND_OPTIONS = INDICATOR_KINDS.map((k) => [k, INDICATOR_KIND_LABELS[k]] as const)
export const SIGNATORY_KIND_OPTIONS = SIGNATORY_KINDS.map((k) => [k, SIGNATORY_KIND_LABELS[k]] as const)
export const CIVILITY_OPTIONS = CIVILITIES.map((c) => [c, CIVILITY_LABELS[c]] as const)
