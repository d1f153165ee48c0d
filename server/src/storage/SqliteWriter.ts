import type { Worker } from 'node:worker_threads'
import { startTsWorker } from '../workers/startTsWorker.js'
import type { CompactionResult, ConventionMeta, LogEntry } from './ConventionStore.js'
import type { WriterJob, WriterReply, WriterStatement, WriterWorkerData } from './sqliteWriterWorker.js'

interface Waiting {
  resolve(reply: WriterReply): void
  reject(error: Error): void
}

type Job = WriterJob extends infer J ? (J extends WriterJob ? Omit<J, 'id'> : never) : never

/**
 * Writes the update log from a worker thread: appends and compactions. `node:sqlite` is synchronous and a
 * durable commit waits for fsync: on the main thread that wait would stop every
 * broadcast (the benchmark's profiles put it at a third of the server's busy time).
 * The acknowledgement still waits for the commit; the event loop does not.
 */
export class SqliteWriter {
  private worker: Worker | null = null
  private nextId = 1
  private readonly waiting = new Map<number, Waiting>()
  private closed = false

  constructor(private readonly file: string) {
    this.started()
  }

  async append(entries: LogEntry[]): Promise<void> {
    await this.run({ kind: 'append', entries })
  }

  async compact(conventionId: string, meta: ConventionMeta): Promise<CompactionResult> {
    const reply = await this.run({ kind: 'compact', conventionId, meta })
    return reply.compaction ?? { folded: 0, skipped: [] }
  }

  /** Runs statements in one transaction on the writer thread; resolves with the rows each changed. */
  async statements(statements: WriterStatement[]): Promise<number[]> {
    const reply = await this.run({ kind: 'statements', statements })
    return reply.changes ?? []
  }

  private run(job: Job): Promise<WriterReply> {
    if (this.closed) return Promise.reject(new Error('the store is closed'))
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject })
      this.started().postMessage({ ...job, id } as WriterJob)
    })
  }

  /** Waits for the appends under way, then stops the worker. */
  async close(): Promise<void> {
    this.closed = true
    while (this.waiting.size > 0) await new Promise((resolve) => setTimeout(resolve, 5))
    const worker = this.worker
    this.worker = null
    await worker?.terminate()
  }

  private started(): Worker {
    if (this.worker) return this.worker
    const worker = startTsWorker(new URL('./sqliteWriterWorker.ts', import.meta.url), {
      workerData: { role: 'sqlite-writer', file: this.file } satisfies WriterWorkerData,
    })
    worker.on('message', (reply: WriterReply) => {
      const waiting = this.waiting.get(reply.id)
      this.waiting.delete(reply.id)
      if (reply.error) waiting?.reject(new Error(reply.error))
      else waiting?.resolve(reply)
    })
    const fail = (reason: string) => {
      if (this.worker !== worker) return
      this.worker = null
      // an append in flight may or may not have committed: it is not acknowledged, and the client sends it again
      for (const waiting of this.waiting.values()) waiting.reject(new Error(reason))
      this.waiting.clear()
    }
    worker.on('error', (error) => fail(`the log writer failed: ${error.message}`))
    worker.on('exit', (code) => fail(`the log writer exited with code ${code}`))
    this.worker = worker
    return worker
  }
}
