import type { Amends, ConventionStatus, VersionKind } from '@ctg/shared'
import type { Lifecycle, NewVersion, VersionRow } from './VersionStore.js'

/** Columns of `convention_versions` the list reads (never the content). */
export const VERSION_COLUMNS =
  'id, convention_id, kind, name, status, created_at, author_id, author_name, sha256, summary'

/** Columns an insert writes, in the order of `versionParams`. */
export const VERSION_INSERT_COLUMNS = `${VERSION_COLUMNS}, state, json`

/** A new version's values for an insert, on either engine (a Buffer suits both drivers). */
export const versionParams = (v: NewVersion) => [
  v.id,
  v.conventionId,
  v.kind,
  v.name,
  v.status,
  v.createdAt,
  v.authorId,
  v.authorName,
  v.sha256,
  v.summary,
  Buffer.from(v.state),
  v.json,
]

export interface VersionDbRow {
  id: string
  convention_id: string
  kind: string
  name: string | null
  status: string
  created_at: string
  author_id: string | null
  author_name: string | null
  sha256: string
  summary: string
}

export const toVersionRow = (row: VersionDbRow): VersionRow => ({
  id: row.id,
  conventionId: row.convention_id,
  kind: row.kind as VersionKind,
  name: row.name,
  status: row.status as ConventionStatus,
  createdAt: row.created_at,
  authorId: row.author_id,
  authorName: row.author_name,
  sha256: row.sha256,
  summary: row.summary,
})

export interface LifecycleDbRow {
  status: string
  adopted_version_id: string | null
  amends: string | null
}

export const toLifecycle = (row: LifecycleDbRow): Lifecycle => ({
  status: row.status as ConventionStatus,
  adoptedVersionId: row.adopted_version_id,
  amends: row.amends ? (JSON.parse(row.amends) as Amends) : null,
})
