import type { BinnedSummary, Deletion } from './BinStore.js'

/** The bin's columns as either engine returns them (SQLite: text; PostgreSQL: timestamptz). */
export interface DeletionRow {
  deleted_at: string | Date | null
  deleted_by: string | null
  deleted_by_name: string | null
}

export interface BinnedRow extends DeletionRow {
  id: string
  title: string
  period_start: number
  period_end: number
  created_at: string | Date
  updated_at: string | Date
  created_by: string
}

/** Selects a binned convention's columns from `conventions c` and `users u` (who binned it). */
export const BINNED_COLUMNS = `c.id, c.title, c.period_start, c.period_end, c.created_at, c.updated_at, c.created_by,
  c.deleted_at, c.deleted_by, u.name AS deleted_by_name`

const isoDate = (value: string | Date) => (value instanceof Date ? value.toISOString() : value)

export function toDeletion(row: DeletionRow): Deletion | null {
  if (row.deleted_at === null) return null
  return {
    deletedAt: isoDate(row.deleted_at),
    deletedBy: row.deleted_by ? { id: row.deleted_by, name: row.deleted_by_name ?? row.deleted_by } : null,
  }
}

export function toBinnedSummary(row: BinnedRow): BinnedSummary {
  return {
    id: row.id,
    title: row.title,
    period: { start: row.period_start, end: row.period_end },
    createdAt: isoDate(row.created_at),
    updatedAt: isoDate(row.updated_at),
    createdBy: row.created_by,
    ...toDeletion(row)!,
  }
}
