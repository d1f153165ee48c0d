import { parentPort, workerData } from 'node:worker_threads'
import type { StoredDocument } from './ConventionStore.js'
import { mergeStoredDocument } from './mergeStoredDocument.js'

export interface MergeJob {
  id: number
  stored: StoredDocument
}

export interface MergeReply {
  id: number
  merged?: Uint8Array
  skipped?: number[]
  failed?: string
}

export const MERGE_WORKER_DATA = { role: 'ctg-merge-worker' } as const

// importing this module elsewhere must not answer on someone else's port
if (parentPort && (workerData as { role?: string } | null)?.role === MERGE_WORKER_DATA.role) {
  const port = parentPort
  port.on('message', ({ id, stored }: MergeJob) => {
    try {
      const { merged, skipped } = mergeStoredDocument(stored)
      port.postMessage({ id, merged, skipped } satisfies MergeReply, [merged.buffer as ArrayBuffer])
    } catch (error) {
      port.postMessage({ id, failed: (error as Error).message } satisfies MergeReply)
    }
  })
}
