import * as Y from 'yjs'
import type { StoredDocument } from './ConventionStore.js'

/**
 * A stored document (snapshot and log) as one update. An entry that cannot be decoded
 * is skipped and named, never fatal: one bad entry must not make a convention unreadable.
 */
export function mergeStoredDocument(stored: StoredDocument): { merged: Uint8Array; skipped: number[] } {
  try {
    return { merged: Y.mergeUpdates([stored.snapshot, ...stored.updates.map((u) => u.update)]), skipped: [] }
  } catch {
    const skipped: number[] = []
    let merged = stored.snapshot
    for (const { seq, update } of stored.updates) {
      try {
        merged = Y.mergeUpdates([merged, update])
      } catch {
        skipped.push(seq)
      }
    }
    return { merged, skipped }
  }
}
