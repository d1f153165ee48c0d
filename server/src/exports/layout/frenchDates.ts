const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
]

/** "2026-03-12" (or an ISO instant, read in UTC) → "12 mars 2026"; "1er" for the first of a month. */
export function frenchDate(iso: string): string {
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number) as [number, number, number]
  return `${day === 1 ? '1er' : day} ${MONTHS[month - 1]} ${year}`
}
