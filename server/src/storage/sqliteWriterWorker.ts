import { parentPort, workerData } from 'node:worker_threads'
import type { CompactionResult, ConventionMeta, LogEntry } from './ConventionStore.js'
import { mergeStoredDocument } from './mergeStoredDocument.js'
import { openSqlite } from './openSqlite.js'
import { sqliteTransaction } from './sqliteTransaction.js'

/** One SQL statement and its parameters, for the `statements` job. */
export interface WriterStatement {
  sql: string
  params: (string | number | null | Uint8Array)[]
}

export type WriterJob =
  | { id: number; kind: 'append'; entries: LogEntry[] }
  | { id: number; kind: 'compact'; conventionId: string; meta: ConventionMeta }
  | { id: number; kind: 'statements'; statements: WriterStatement[] }

export interface WriterReply {
  id: number
  error?: string
  compaction?: CompactionResult
  /** rows changed by each statement of a `statements` job */
  changes?: number[]
}

/** What SqliteWriter starts the worker with. */
export interface WriterWorkerData {
  role: 'sqlite-writer'
  file: string
}

/** The one thread that writes the log: appends and compactions, each one transaction. */
function openWriter(file: string) {
  // its own connection: WAL lets the main thread read while this one writes
  const db = openSqlite(file)
  const insert = db.prepare('INSERT INTO convention_updates (convention_id, "update", user_id) VALUES (?, ?, ?)')

  const transaction = <T>(work: () => T): T => sqliteTransaction(db, work)

  const append = (entries: LogEntry[]) =>
    transaction(() => {
      for (const entry of entries) insert.run(entry.conventionId, entry.update, entry.userId)
    })

  const compact = (id: string, meta: ConventionMeta): CompactionResult =>
    transaction(() => {
      const row = db.prepare('SELECT snapshot, snapshot_version FROM conventions WHERE id = ?').get(id) as
        { snapshot: Uint8Array; snapshot_version: number } | undefined
      const log = db
        .prepare('SELECT seq, "update" FROM convention_updates WHERE convention_id = ? ORDER BY seq')
        .all(id) as unknown as { seq: number; update: Uint8Array }[]
      if (!row || log.length === 0) return { folded: 0, skipped: [] }
      const { merged, skipped } = mergeStoredDocument({
        snapshot: row.snapshot,
        snapshotVersion: row.snapshot_version,
        updates: log,
      })
      db.prepare(
        `UPDATE conventions SET snapshot = ?, snapshot_version = snapshot_version + 1, title = ?,
           period_start = ?, period_end = ?, updated_at = ? WHERE id = ?`,
      ).run(merged, meta.title, meta.period.start, meta.period.end, new Date().toISOString(), id)
      // an entry that cannot be decoded stays in the log
      const deleteEntry = db.prepare('DELETE FROM convention_updates WHERE seq = ?')
      let folded = 0
      for (const { seq } of log) {
        if (skipped.includes(seq)) continue
        deleteEntry.run(seq)
        folded++
      }
      return { folded, skipped }
    })

  /** Other writes (comments, activity), in one transaction, off the main thread like the log's. */
  const statements = (list: WriterStatement[]) =>
    transaction(() => list.map(({ sql, params }) => Number(db.prepare(sql).run(...params).changes)))

  return { append, compact, statements }
}

// importing this module elsewhere must not answer on someone else's port
const data = workerData as WriterWorkerData | null
if (parentPort && data?.role === 'sqlite-writer') {
  const port = parentPort
  const writer = openWriter(data.file)
  port.on('message', (job: WriterJob) => {
    try {
      if (job.kind === 'append') {
        writer.append(job.entries)
        port.postMessage({ id: job.id } satisfies WriterReply)
      } else if (job.kind === 'statements') {
        port.postMessage({ id: job.id, changes: writer.statements(job.statements) } satisfies WriterReply)
      } else {
        port.postMessage({ id: job.id, compaction: writer.compact(job.conventionId, job.meta) } satisfies WriterReply)
      }
    } catch (error) {
      port.postMessage({ id: job.id, error: (error as Error).message } satisfies WriterReply)
    }
  })
}
