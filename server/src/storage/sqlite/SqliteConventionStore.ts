import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { DatabaseSync } from 'node:sqlite'
import type { SchemaIssue } from '@ctg/shared'
import type {
  CompactionResult,
  ConventionMeta,
  ConventionStore,
  ConventionSummary,
  LogEntry,
  NewConvention,
  StoredDocument,
} from '../ConventionStore.js'
import { SqliteCommentStore } from '../../comments/SqliteCommentStore.js'
import { SqlitePlenaryStore } from '../../plenary/SqlitePlenaryStore.js'
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from '../summaryRow.js'
import { migrateSqlite } from './sqliteMigrations.js'
import { openSqlite } from './openSqlite.js'
import { SqliteBinStore } from '../../bin/SqliteBinStore.js'
import { SqliteAccountStore } from './SqliteAccountStore.js'
import { SqliteActivityStore } from './SqliteActivityStore.js'
import { SqliteMembershipStore } from './SqliteMembershipStore.js'
import { sqliteTransaction } from './sqliteTransaction.js'
import { SqliteWriter } from './SqliteWriter.js'
import { SqliteVersionStore } from '../../versions/SqliteVersionStore.js'

/**
 * Conventions in one SQLite file, through Node's built-in `node:sqlite` (no native
 * build). This thread reads; `SqliteWriter` appends and compacts on its own thread and
 * connection. One process owns the file; several server processes need PostgreSQL.
 */
export class SqliteConventionStore implements ConventionStore {
  private readonly db: DatabaseSync
  private readonly writer: SqliteWriter
  readonly members: SqliteMembershipStore
  readonly activity: SqliteActivityStore
  readonly accounts: SqliteAccountStore
  readonly bin: SqliteBinStore
  readonly comments: SqliteCommentStore
  readonly plenaries: SqlitePlenaryStore
  readonly versions: SqliteVersionStore

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true })
    this.db = openSqlite(file)
    migrateSqlite(this.db)
    this.writer = new SqliteWriter(file)
    this.members = new SqliteMembershipStore(this.db)
    this.activity = new SqliteActivityStore(this.db, this.writer)
    this.accounts = new SqliteAccountStore(this.db)
    this.bin = new SqliteBinStore(this.db)
    this.comments = new SqliteCommentStore(this.db, this.writer)
    this.plenaries = new SqlitePlenaryStore(this.db, this.writer)
    this.versions = new SqliteVersionStore(this.db, this.writer)
  }

  async list(): Promise<ConventionSummary[]> {
    const rows = this.db
      .prepare(`SELECT ${SUMMARY_COLUMNS} FROM conventions WHERE deleted_at IS NULL ORDER BY updated_at DESC`)
      .all()
    return (rows as unknown as SummaryRow[]).map(toSummary)
  }

  async get(id: string): Promise<ConventionSummary | null> {
    const row = this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM conventions WHERE id = ?`).get(id)
    return row ? toSummary(row as unknown as SummaryRow) : null
  }

  async exists(id: string): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM conventions WHERE id = ?').get(id) !== undefined
  }

  async create(c: NewConvention): Promise<void> {
    const now = new Date().toISOString()
    sqliteTransaction(this.db, () => {
      this.db
        .prepare(
          `INSERT INTO conventions (id, title, period_start, period_end, created_at, updated_at, created_by, snapshot)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(c.id, c.title, c.period.start, c.period.end, now, now, c.createdBy, c.state)
      this.db
        .prepare('INSERT OR IGNORE INTO users (id, name, created_at) VALUES (?, ?, ?)')
        .run(c.createdBy, c.createdBy, now)
      this.db
        .prepare(
          "INSERT INTO memberships (convention_id, user_id, role, granted_by, granted_at) VALUES (?, ?, 'owner', NULL, ?)",
        )
        .run(c.id, c.createdBy, now)
    })
  }

  async readDocument(id: string): Promise<StoredDocument | null> {
    // one read transaction, so a compaction cannot slip between the two selects
    return sqliteTransaction(
      this.db,
      () => {
        const row = this.db.prepare('SELECT snapshot, snapshot_version FROM conventions WHERE id = ?').get(id) as
          { snapshot: Uint8Array; snapshot_version: number } | undefined
        if (!row) return null
        const updates = this.db
          .prepare('SELECT seq, "update" FROM convention_updates WHERE convention_id = ? ORDER BY seq')
          .all(id) as unknown as { seq: number; update: Uint8Array }[]
        return {
          snapshot: new Uint8Array(row.snapshot),
          snapshotVersion: row.snapshot_version,
          updates: updates.map((u) => ({ seq: u.seq, update: new Uint8Array(u.update) })),
        }
      },
      'read',
    )
  }

  async appendUpdates(entries: LogEntry[]): Promise<void> {
    if (entries.length > 0) await this.writer.append(entries)
  }

  async compact(id: string, meta: ConventionMeta): Promise<CompactionResult> {
    // merging a long log takes tens of milliseconds: the writer thread does it, not the event loop
    return this.writer.compact(id, meta)
  }

  async saveIssues(id: string, issues: SchemaIssue[]): Promise<void> {
    this.db.prepare('UPDATE conventions SET issues = ? WHERE id = ?').run(JSON.stringify(issues), id)
  }

  async close(): Promise<void> {
    await this.writer.close()
    if (this.db.isOpen) this.db.close()
  }
}
