import { startTsWorker } from '../../workers/startTsWorker.js'
import { WorkerClient } from '../../workers/WorkerClient.js'
import type { CompactionResult, ConventionMeta, LogEntry } from '../ConventionStore.js'
import type { WriterJob, WriterReply, WriterStatement, WriterWorkerData } from './sqliteWriterWorker.js'

/**
 * Writes the update log from a worker thread: appends and compactions. `node:sqlite` is synchronous and a
 * durable commit waits for fsync: on the main thread that wait would stop every
 * broadcast (the benchmark's profiles put it at a third of the server's busy time).
 * The acknowledgement still waits for the commit; the event loop does not.
 * A thread that dies rejects the appends in flight: they may or may not have committed, they
 * are not acknowledged, and the client sends them again.
 */
export class SqliteWriter {
  private readonly thread: WorkerClient<WriterJob, WriterReply>
  private closed = false

  constructor(file: string) {
    this.thread = new WorkerClient({
      name: 'log writer',
      start: () =>
        startTsWorker(new URL('./sqliteWriterWorker.ts', import.meta.url), {
          workerData: { role: 'sqlite-writer', file } satisfies WriterWorkerData,
        }),
    })
    this.thread.warmUp()
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

  private run(job: WriterJob): Promise<WriterReply> {
    if (this.closed) return Promise.reject(new Error('the store is closed'))
    return this.thread.request(job)
  }

  /** Waits for the appends under way, then stops the worker. */
  async close(): Promise<void> {
    this.closed = true
    while (this.thread.waiting > 0) await new Promise((resolve) => setTimeout(resolve, 5))
    await this.thread.terminate()
  }
}
