import type { Period } from '@ctg/shared'

/** "2026 – 2030" */
export function formatPeriod(period: Period | null | undefined): string {
  if (!period) return 'Période non définie'
  return `${period.start} – ${period.end}`
}
