import { parentPort, workerData } from 'node:worker_threads'
import type { WorkerReply } from '../../workers/WorkerClient.js'
import type { StoredDocument } from '../ConventionStore.js'
import { mergeStoredDocument } from '../mergeStoredDocument.js'

export interface MergeJob {
  stored: StoredDocument
}

export interface MergeReply extends WorkerReply {
  merged?: Uint8Array
  skipped?: number[]
}

export const MERGE_WORKER_DATA = { role: 'ctg-merge-worker' } as const

// importing this module elsewhere must not answer on someone else's port
if (parentPort && (workerData as { role?: string } | null)?.role === MERGE_WORKER_DATA.role) {
  const port = parentPort
  port.on('message', ({ id, stored }: MergeJob & { id: number }) => {
    try {
      const { merged, skipped } = mergeStoredDocument(stored)
      port.postMessage({ id, merged, skipped } satisfies MergeReply, [merged.buffer as ArrayBuffer])
    } catch (error) {
      port.postMessage({ id, error: (error as Error).message } satisfies MergeReply)
    }
  })
}
