/** Years and periods: the bounds every year of a convention lies within, and what a period is. */

export const YEAR_MIN = 1990
export const YEAR_MAX = 2100
/** A period spans at most this many years after its first (a 16-year table at most). */
export const LONGEST_PERIOD_YEARS = 15

export function isYear(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= YEAR_MIN && (value as number) <= YEAR_MAX
}

/**
 * Why `start`–`end` is not a period, or null: both years within the bounds, the end on or
 * after the start (JSON Schema cannot say so: the import checks it), at most
 * LONGEST_PERIOD_YEARS apart.
 */
export function periodProblem(start: unknown, end: unknown): string | null {
  if (!isYear(start) || !isYear(end)) return `a period's years must be whole years from ${YEAR_MIN} to ${YEAR_MAX}`
  if (end < start) return 'end must be on or after start'
  if (end - start > LONGEST_PERIOD_YEARS) return `a period spans at most ${LONGEST_PERIOD_YEARS + 1} years`
  return null
}
