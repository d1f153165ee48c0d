import type { SchemaIssue } from '@ctg/shared'
import type { ConventionSummary } from './ConventionStore.js'

/** A `conventions` row as either engine returns it (SQLite: text; PostgreSQL: timestamptz and jsonb). */
export interface SummaryRow {
  id: string
  title: string
  period_start: number
  period_end: number
  created_at: string | Date
  updated_at: string | Date
  created_by: string
  issues: string | SchemaIssue[]
}

export const SUMMARY_COLUMNS = 'id, title, period_start, period_end, created_at, updated_at, created_by, issues'

const isoDate = (value: string | Date) => (value instanceof Date ? value.toISOString() : value)

export function toSummary(row: SummaryRow): ConventionSummary {
  return {
    id: row.id,
    title: row.title,
    period: { start: row.period_start, end: row.period_end },
    createdAt: isoDate(row.created_at),
    updatedAt: isoDate(row.updated_at),
    createdBy: row.created_by,
    issues: typeof row.issues === 'string' ? (JSON.parse(row.issues) as SchemaIssue[]) : row.issues,
  }
}
