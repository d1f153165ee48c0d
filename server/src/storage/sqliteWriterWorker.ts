import { DatabaseSync } from 'node:sqlite'
import { parentPort, workerData } from 'node:worker_threads'

export interface AppendJob {
  id: number
  entries: { conventionId: string; update: Uint8Array }[]
}

export interface AppendReply {
  id: number
  error?: string
}

/** What SqliteWriter starts the worker with. */
export interface WriterWorkerData {
  role: 'sqlite-writer'
  file: string
}

// importing this module elsewhere must not answer on someone else's port
const data = workerData as WriterWorkerData | null
if (parentPort && data?.role === 'sqlite-writer') {
  const port = parentPort
  // its own connection: WAL lets the main thread read while this one writes
  const db = new DatabaseSync(data.file)
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;')
  const insert = db.prepare('INSERT INTO convention_updates (convention_id, "update") VALUES (?, ?)')
  port.on('message', (job: AppendJob) => {
    try {
      db.exec('BEGIN IMMEDIATE')
      try {
        for (const entry of job.entries) insert.run(entry.conventionId, entry.update)
        db.exec('COMMIT')
      } catch (error) {
        db.exec('ROLLBACK')
        throw error
      }
      port.postMessage({ id: job.id } satisfies AppendReply)
    } catch (error) {
      port.postMessage({ id: job.id, error: (error as Error).message } satisfies AppendReply)
    }
  })
}
