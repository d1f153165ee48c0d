import { parentPort, workerData } from 'node:worker_threads'
import type { WorkerReply } from '../../workers/WorkerClient.js'
import type { CompactionResult, ConventionMeta, LogEntry } from '../ConventionStore.js'
import { mergeStoredDocument } from '../mergeStoredDocument.js'
import { openSqlite } from './openSqlite.js'
import { sqliteTransaction } from './sqliteTransaction.js'

/** One SQL statement and its parameters, for the `statements` job. */
export interface WriterStatement {
  sql: string
  params: (string | number | null | Uint8Array)[]
}

export type WriterJob =
  | { kind: 'append'; entries: LogEntry[] }
  | { kind: 'compact'; conventionId: string; meta: ConventionMeta }
  | { kind: 'statements'; statements: WriterStatement[] }

/** A job as the thread receives it (WorkerClient numbers them). */
type WriterRequest = WriterJob & { id: number }

export interface WriterReply extends WorkerReply {
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

  /** Appends and other writes (comments, activity, plénières), inside the batch's transaction (runBatch). */
  const appendIn = (entries: LogEntry[]) => {
    for (const entry of entries) insert.run(entry.conventionId, entry.update, entry.userId)
  }
  const prepared = new Map<string, ReturnType<typeof db.prepare>>()
  const statementsIn = (list: WriterStatement[]) =>
    list.map(({ sql, params }) => {
      let statement = prepared.get(sql)
      if (!statement) {
        statement = db.prepare(sql)
        if (prepared.size < 200) prepared.set(sql, statement)
      }
      return Number(statement.run(...params).changes)
    })

  return { db, compact, appendIn, statementsIn }
}

/**
 * Runs appends and statements that arrived together in one transaction (one fsync), each in
 * its own savepoint so that a refused one (a trigger's RAISE) rolls back alone; replies go out
 * after the commit. Under load (a plénière: hundreds of comments and supports a minute while
 * people type) one fsync per job would queue them for seconds, and every acknowledgement with them.
 */
function runBatch(
  db: ReturnType<typeof openSqlite>,
  writer: ReturnType<typeof openWriter>,
  jobs: WriterRequest[],
): WriterReply[] {
  const replies: WriterReply[] = []
  try {
    db.exec('BEGIN IMMEDIATE')
    for (const job of jobs) {
      db.exec('SAVEPOINT job')
      try {
        let changes: number[] | undefined
        if (job.kind === 'append') writer.appendIn(job.entries)
        else if (job.kind === 'statements') changes = writer.statementsIn(job.statements)
        db.exec('RELEASE job')
        replies.push(changes ? { id: job.id, changes } : { id: job.id })
      } catch (error) {
        db.exec('ROLLBACK TO job')
        db.exec('RELEASE job')
        replies.push({ id: job.id, error: (error as Error).message })
      }
    }
    db.exec('COMMIT')
  } catch (error) {
    try {
      db.exec('ROLLBACK')
    } catch {
      // the transaction is already gone
    }
    // nothing of the batch is stored: every job fails
    return jobs.map((job) => ({ id: job.id, error: (error as Error).message }))
  }
  return replies
}

// importing this module elsewhere must not answer on someone else's port
const data = workerData as WriterWorkerData | null
if (parentPort && data?.role === 'sqlite-writer') {
  const port = parentPort
  const writer = openWriter(data.file)
  const queue: WriterRequest[] = []
  let scheduled = false
  const flush = () => {
    scheduled = false
    while (queue.length > 0) {
      const job = queue[0]!
      if (job.kind === 'compact') {
        queue.shift()
        try {
          port.postMessage({ id: job.id, compaction: writer.compact(job.conventionId, job.meta) } satisfies WriterReply)
        } catch (error) {
          port.postMessage({ id: job.id, error: (error as Error).message } satisfies WriterReply)
        }
        continue
      }
      // every append and statement up to the next compaction, in arrival order
      const end = queue.findIndex((j) => j.kind === 'compact')
      const batch = queue.splice(0, end === -1 ? queue.length : end)
      for (const reply of runBatch(writer.db, writer, batch)) port.postMessage(reply)
    }
  }
  port.on('message', (job: WriterRequest) => {
    queue.push(job)
    // the messages already waiting are delivered before this runs: they join the batch
    if (!scheduled) {
      scheduled = true
      setImmediate(flush)
    }
  })
}
