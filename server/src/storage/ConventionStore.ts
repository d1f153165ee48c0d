import type { Period, SchemaIssue } from '@ctg/shared'
import type { BinStore } from '../bin/BinStore.js'
import type { CommentStore } from '../comments/CommentStore.js'
import type { PlenaryStore } from '../plenary/PlenaryStore.js'
import type { VersionStore } from '../versions/VersionStore.js'
import type { AccountStore } from './AccountStore.js'
import type { ActivityStore } from './ActivityStore.js'
import type { MembershipStore } from './MembershipStore.js'

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
  /** made the convention's owner, in the same transaction */
  createdBy: string
  /** the Yjs document, encoded as one update */
  state: Uint8Array
}

/** An update to append, with the user whose connection sent it (null: the server made it). */
export interface LogEntry {
  conventionId: string
  update: Uint8Array
  userId: string | null
}

/** One Yjs update appended to a convention's log. */
export interface LoggedUpdate {
  seq: number
  update: Uint8Array
}

/**
 * What storage holds of one document: a snapshot (every update folded in so far)
 * and the updates appended since. Merged together they are the document.
 */
export interface StoredDocument {
  snapshot: Uint8Array
  /** how many compactions the snapshot has been through */
  snapshotVersion: number
  updates: LoggedUpdate[]
}

export interface ConventionMeta {
  title: string
  period: Period
}

/** What a compaction did. */
export interface CompactionResult {
  /** log entries folded into the snapshot */
  folded: number
  /** log entries that could not be decoded, left out of the snapshot */
  skipped: number[]
}

/**
 * Where conventions live: SQLite by default, PostgreSQL with DATABASE_URL.
 *
 * Documents are stored as an append-only log of Yjs updates, written before the
 * server acknowledges them, and compacted into a snapshot in the background.
 * Nothing ever writes a document's in-memory state over the stored one, so a
 * document that failed to load cannot erase what is stored (hocuspocus#382).
 */
export interface ConventionStore {
  /** who may do what, in the same database */
  readonly members: MembershipStore
  readonly activity: ActivityStore
  readonly accounts: AccountStore
  /** conventions moved to the bin, restored, purged */
  readonly bin: BinStore
  /** comment threads and messages */
  readonly comments: CommentStore
  /** plénières, participants, supports */
  readonly plenaries: PlenaryStore
  /** versions and the status of each convention */
  readonly versions: VersionStore
  /** the conventions not in the bin */
  list(): Promise<ConventionSummary[]>
  get(id: string): Promise<ConventionSummary | null>
  exists(id: string): Promise<boolean>
  create(convention: NewConvention): Promise<void>
  /** The snapshot and the logged updates, or null when the convention does not exist. */
  readDocument(id: string): Promise<StoredDocument | null>
  /** Appends updates in one transaction; resolves once they are durable. */
  appendUpdates(entries: LogEntry[]): Promise<void>
  /**
   * Folds the log into the snapshot (`mergeStoredDocument`) and drops the folded entries,
   * in one transaction, from what is stored and nothing else.
   */
  compact(id: string, meta: ConventionMeta): Promise<CompactionResult>
  saveIssues(id: string, issues: SchemaIssue[]): Promise<void>
  close(): Promise<void>
}
