import type { ConventionDeletion } from '@ctg/shared'
import { formatDateTime } from '../format/formatDate.js'

/** "Cette convention a été mise à la corbeille par Camille Durand le 6 décembre 2026 à 09:12." */
export function describeDeletion({ deletedAt, deletedBy }: ConventionDeletion): string {
  const by = deletedBy ? ` par ${deletedBy.name}` : ''
  const when = deletedAt && formatDateTime(deletedAt) ? ` le ${formatDateTime(deletedAt)}` : ''
  return `Cette convention a été mise à la corbeille${by}${when}.`
}
