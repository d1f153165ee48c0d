import { startTsWorker } from '../../workers/startTsWorker.js'
import { WorkerClient } from '../../workers/WorkerClient.js'
import type { StoredDocument } from '../ConventionStore.js'
import { MERGE_WORKER_DATA, type MergeJob, type MergeReply } from './mergeWorkerThread.js'

/**
 * Folds a stored document (snapshot and log) into one update on a worker thread, so that
 * compacting a large convention on PostgreSQL does not hold the event loop (and with it
 * every other document's edits) for the length of `Y.mergeUpdates`, as SQLite's writer
 * thread already does for its compactions. One thread, started on first use; the buffers
 * are moved, not copied, both ways.
 */
export class MergeWorker {
  private readonly thread = new WorkerClient<MergeJob, MergeReply>({
    name: 'merge worker',
    start: () => {
      const worker = startTsWorker(new URL('./mergeWorkerThread.ts', import.meta.url), {
        workerData: MERGE_WORKER_DATA,
      })
      worker.unref()
      return worker
    },
  })

  async merge(stored: StoredDocument): Promise<{ merged: Uint8Array; skipped: number[] }> {
    const transfer = [stored.snapshot, ...stored.updates.map((u) => u.update)].map((b) => b.buffer as ArrayBuffer)
    const { merged, skipped } = await this.thread.request({ stored }, [...new Set(transfer)])
    return { merged: merged!, skipped: skipped! }
  }

  destroy(): Promise<void> {
    return this.thread.terminate()
  }
}
