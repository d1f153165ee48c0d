import type { SchemaIssue } from '@ctg/shared'
import pg from 'pg'
import type {
  CompactionResult,
  ConventionMeta,
  ConventionStore,
  ConventionSummary,
  LogEntry,
  NewConvention,
  StoredDocument,
} from '../ConventionStore.js'
import { PostgresCommentStore } from '../../comments/PostgresCommentStore.js'
import { PostgresPlenaryStore } from '../../plenary/PostgresPlenaryStore.js'
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from '../summaryRow.js'
import { MergeWorker } from './MergeWorker.js'
import { migratePostgres } from './postgresMigrations.js'
import { PostgresBinStore } from '../../bin/PostgresBinStore.js'
import { PostgresAccountStore } from './PostgresAccountStore.js'
import { PostgresActivityStore } from './PostgresActivityStore.js'
import { PostgresMembershipStore } from './PostgresMembershipStore.js'
import { postgresTransaction } from './postgresTransaction.js'
import { PostgresVersionStore } from '../../versions/PostgresVersionStore.js'

/**
 * Conventions in PostgreSQL (`DATABASE_URL`), for deployments where several server
 * processes share the same documents. Same tables and guarantees as SQLite: an
 * append commits before the server acknowledges the update.
 */
export class PostgresConventionStore implements ConventionStore {
  readonly members: PostgresMembershipStore
  readonly activity: PostgresActivityStore
  readonly accounts: PostgresAccountStore
  readonly bin: PostgresBinStore
  readonly comments: PostgresCommentStore
  readonly plenaries: PostgresPlenaryStore
  private readonly merger = new MergeWorker()

  private constructor(
    private readonly pool: pg.Pool,
    readonly versions: PostgresVersionStore,
  ) {
    this.members = new PostgresMembershipStore(pool)
    this.activity = new PostgresActivityStore(pool)
    this.accounts = new PostgresAccountStore(pool)
    this.bin = new PostgresBinStore(pool)
    this.comments = new PostgresCommentStore(pool)
    this.plenaries = new PostgresPlenaryStore(pool)
  }

  static async open(connectionString: string): Promise<PostgresConventionStore> {
    const pool = new pg.Pool({ connectionString, max: 10 })
    // an idle client that loses its connection must not crash the process
    pool.on('error', (error) => console.error('[postgres] idle client error:', error.message))
    try {
      await migratePostgres(pool)
      return new PostgresConventionStore(pool, new PostgresVersionStore(pool))
    } catch (error) {
      await pool.end()
      throw error
    }
  }

  async list(): Promise<ConventionSummary[]> {
    const { rows } = await this.pool.query<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM conventions WHERE deleted_at IS NULL ORDER BY updated_at DESC`,
    )
    return rows.map(toSummary)
  }

  async get(id: string): Promise<ConventionSummary | null> {
    const { rows } = await this.pool.query<SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM conventions WHERE id = $1`, [id])
    return rows[0] ? toSummary(rows[0]) : null
  }

  async exists(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM conventions WHERE id = $1', [id])
    return (rowCount ?? 0) > 0
  }

  async create(c: NewConvention): Promise<void> {
    await postgresTransaction(this.pool, async (client) => {
      await client.query(
        `INSERT INTO conventions (id, title, period_start, period_end, created_by, snapshot)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [c.id, c.title, c.period.start, c.period.end, c.createdBy, Buffer.from(c.state)],
      )
      await client.query('INSERT INTO users (id, name) VALUES ($1, $1) ON CONFLICT DO NOTHING', [c.createdBy])
      await client.query("INSERT INTO memberships (convention_id, user_id, role) VALUES ($1, $2, 'owner')", [
        c.id,
        c.createdBy,
      ])
    })
  }

  async readDocument(id: string): Promise<StoredDocument | null> {
    return postgresTransaction(
      this.pool,
      async (client) => {
        const head = await client.query<{ snapshot: Buffer; snapshot_version: number }>(
          'SELECT snapshot, snapshot_version FROM conventions WHERE id = $1',
          [id],
        )
        const row = head.rows[0]
        if (!row) return null
        const log = await client.query<{ seq: string; update: Buffer }>(
          'SELECT seq, "update" FROM convention_updates WHERE convention_id = $1 ORDER BY seq',
          [id],
        )
        return {
          snapshot: new Uint8Array(row.snapshot),
          snapshotVersion: row.snapshot_version,
          updates: log.rows.map((u) => ({ seq: Number(u.seq), update: new Uint8Array(u.update) })),
        }
      },
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
    )
  }

  async appendUpdates(entries: LogEntry[]): Promise<void> {
    if (entries.length === 0) return
    // one statement, one commit, however many documents the batch spans
    await this.pool.query(
      `INSERT INTO convention_updates (convention_id, "update", user_id)
       SELECT * FROM unnest($1::text[], $2::bytea[], $3::text[])`,
      [entries.map((e) => e.conventionId), entries.map((e) => Buffer.from(e.update)), entries.map((e) => e.userId)],
    )
  }

  async compact(id: string, meta: ConventionMeta): Promise<CompactionResult> {
    return postgresTransaction(this.pool, async (client) => {
      // NO KEY UPDATE: a second compaction waits, appends (which only take KEY SHARE through their foreign key) do not
      const head = await client.query<{ snapshot: Buffer; snapshot_version: number }>(
        'SELECT snapshot, snapshot_version FROM conventions WHERE id = $1 FOR NO KEY UPDATE',
        [id],
      )
      const row = head.rows[0]
      if (!row) return { folded: 0, skipped: [] }
      const log = await client.query<{ seq: string; update: Buffer }>(
        'SELECT seq, "update" FROM convention_updates WHERE convention_id = $1 ORDER BY seq',
        [id],
      )
      if (log.rows.length === 0) return { folded: 0, skipped: [] }
      const updates = log.rows.map((u) => ({ seq: Number(u.seq), update: new Uint8Array(u.update) }))
      const seqs = updates.map((u) => u.seq)
      // the fold runs on a worker thread (the buffers move there): the event loop stays free
      const { merged, skipped } = await this.merger.merge({
        snapshot: new Uint8Array(row.snapshot),
        snapshotVersion: row.snapshot_version,
        updates,
      })
      await client.query(
        `UPDATE conventions SET snapshot = $1, snapshot_version = snapshot_version + 1, title = $2,
           period_start = $3, period_end = $4, updated_at = now()
         WHERE id = $5`,
        [Buffer.from(merged), meta.title, meta.period.start, meta.period.end, id],
      )
      // by list: with concurrent writers a smaller seq may commit after a larger one was read;
      // an entry that cannot be decoded stays in the log
      const folded = seqs.filter((seq) => !skipped.includes(seq))
      await client.query('DELETE FROM convention_updates WHERE convention_id = $1 AND seq = ANY($2::bigint[])', [
        id,
        folded,
      ])
      return { folded: folded.length, skipped }
    })
  }

  async saveIssues(id: string, issues: SchemaIssue[]): Promise<void> {
    await this.pool.query('UPDATE conventions SET issues = $1 WHERE id = $2', [JSON.stringify(issues), id])
  }

  async close(): Promise<void> {
    await this.merger.destroy()
    await this.pool.end()
  }
}
