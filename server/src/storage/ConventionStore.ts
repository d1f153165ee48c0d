import type { Period, SchemaIssue } from '@ctg/shared'

export interface ConventionSummary {
  id: string
  title: string
  period: Period
  createdAt: string
  updatedAt: string
  createdBy: string
  /** schema problems found in the stored document, empty when valid */
  issues: SchemaIssue[]
}

export interface NewConvention {
  id: string
  title: string
  period: Period
  createdBy: string
  /** the Yjs document, encoded as one update */
  state: Uint8Array
}

/** Where conventions live. SQLite by default; the interface leaves room for other engines. */
export interface ConventionStore {
  list(): Promise<ConventionSummary[]>
  get(id: string): Promise<ConventionSummary | null>
  exists(id: string): Promise<boolean>
  create(convention: NewConvention): Promise<void>
  /** The stored Yjs state, or null when the convention does not exist. */
  loadState(id: string): Promise<Uint8Array | null>
  saveState(id: string, state: Uint8Array, meta: { title: string; period: Period }): Promise<void>
  saveIssues(id: string, issues: SchemaIssue[]): Promise<void>
  close(): Promise<void>
}
