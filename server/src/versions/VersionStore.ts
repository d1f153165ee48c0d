import type { Amends, ConventionStatus, VersionKind } from '@ctg/shared'

/** A recorded version without its content (what the list shows). */
export interface VersionRow {
  id: string
  conventionId: string
  kind: VersionKind
  name: string | null
  /** the convention's status when it was recorded */
  status: ConventionStatus
  /** ISO 8601 */
  createdAt: string
  authorId: string | null
  authorName: string | null
  sha256: string
  summary: string
}

/** A version as recorded: immutable once written. */
export interface NewVersion extends VersionRow {
  /** the Yjs document, encoded as one update: opens exactly as it was */
  state: Uint8Array
  /** the export at that moment, in its RFC 8785 canonical form (what `sha256` hashes) */
  json: string
}

/** Where a convention is in its life; no row means a draft that amends nothing. */
export interface Lifecycle {
  status: ConventionStatus
  adoptedVersionId: string | null
  amends: Amends | null
}

export const DRAFT: Lifecycle = { status: 'draft', adoptedVersionId: null, amends: null }

/**
 * Versions and the status of conventions, in the convention's database (SQLite or
 * PostgreSQL), in tables of their own (`convention_versions`, `convention_lifecycle`).
 */
export interface VersionStore {
  add(version: NewVersion): Promise<void>
  /** newest first */
  list(conventionId: string): Promise<VersionRow[]>
  latest(conventionId: string): Promise<VersionRow | null>
  /** the row with its content, or null when the convention has no such version */
  read(conventionId: string, versionId: string): Promise<(VersionRow & { state: Uint8Array; json: string }) | null>
  lifecycle(conventionId: string): Promise<Lifecycle>
  /**
   * Moves the convention to `next` and records `version`, in one transaction, only if its
   * status is still `expected` (false otherwise: another request moved it first).
   */
  transition(conventionId: string, expected: ConventionStatus, next: Lifecycle, version: NewVersion): Promise<boolean>
  /** the lifecycle of a new convention (an avenant) */
  createLifecycle(conventionId: string, lifecycle: Lifecycle): Promise<void>
  /** how many avenants amend this convention */
  avenantCount(conventionId: string): Promise<number>
}
