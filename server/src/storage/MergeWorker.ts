import type { Worker } from 'node:worker_threads'
import { startTsWorker } from '../workers/startTsWorker.js'
import type { StoredDocument } from './ConventionStore.js'
import { MERGE_WORKER_DATA, type MergeJob, type MergeReply } from './mergeWorkerThread.js'

interface Pending {
  resolve(result: { merged: Uint8Array; skipped: number[] }): void
  reject(error: Error): void
}

/**
 * Folds a stored document (snapshot and log) into one update on a worker thread, so that
 * compacting a large convention on PostgreSQL does not hold the event loop (and with it
 * every other document's edits) for the length of `Y.mergeUpdates`, as SQLite's writer
 * thread already does for its compactions. One thread, started on first use; the buffers
 * are moved, not copied, both ways.
 */
export class MergeWorker {
  private worker: Worker | undefined
  private readonly pending = new Map<number, Pending>()
  private nextId = 1

  merge(stored: StoredDocument): Promise<{ merged: Uint8Array; skipped: number[] }> {
    return new Promise((resolve, reject) => {
      const job: MergeJob = { id: this.nextId++, stored }
      this.pending.set(job.id, { resolve, reject })
      const transfer = [stored.snapshot, ...stored.updates.map((u) => u.update)].map((b) => b.buffer as ArrayBuffer)
      this.started().postMessage(job, [...new Set(transfer)])
    })
  }

  async destroy(): Promise<void> {
    const worker = this.worker
    this.worker = undefined
    this.failAll('the merge worker stopped')
    await worker?.terminate()
  }

  private started(): Worker {
    if (this.worker) return this.worker
    const worker = startTsWorker(new URL('./mergeWorkerThread.ts', import.meta.url), { workerData: MERGE_WORKER_DATA })
    worker.unref()
    worker.on('message', (reply: MergeReply) => {
      const waiting = this.pending.get(reply.id)
      this.pending.delete(reply.id)
      if (reply.failed !== undefined) waiting?.reject(new Error(reply.failed))
      else waiting?.resolve({ merged: reply.merged!, skipped: reply.skipped! })
    })
    const lost = (why: string) => {
      if (this.worker !== worker) return
      this.worker = undefined
      this.failAll(why)
    }
    worker.on('error', (error) => lost(`the merge worker failed: ${error.message}`))
    worker.on('exit', (code) => lost(`the merge worker exited with code ${code}`))
    this.worker = worker
    return worker
  }

  private failAll(why: string) {
    for (const waiting of this.pending.values()) waiting.reject(new Error(why))
    this.pending.clear()
  }
}
