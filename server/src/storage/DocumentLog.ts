import type { Period } from '@ctg/shared'
import * as Y from 'yjs'
import type { Logger } from '../logger.js'
import type { ConventionStore, StoredDocument } from './ConventionStore.js'

interface PendingAppend {
  conventionId: string
  update: Uint8Array
  resolve(): void
  reject(error: unknown): void
}

/**
 * The durable side of every document: updates are appended to the store before the
 * server acknowledges them, and folded into a snapshot later.
 *
 * Appends are group-committed: every update that arrives while a commit is being
 * written goes into the next one, so a plenary typing at once costs one fsync per
 * batch rather than one per keystroke.
 */
export class DocumentLog {
  private pending: PendingAppend[] = []
  private flushScheduled = false
  private flushing = false

  constructor(
    private readonly store: ConventionStore,
    private readonly logger: Logger,
  ) {}

  /** Resolves once the update is durable. */
  append(conventionId: string, update: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ conventionId, update, resolve, reject })
      this.scheduleFlush()
    })
  }

  /** The stored document as one update, or null when the convention does not exist. */
  async load(conventionId: string): Promise<Uint8Array | null> {
    const stored = await this.store.readDocument(conventionId)
    return stored ? this.merge(conventionId, stored) : null
  }

  /**
   * Folds the log into the snapshot. Works from storage alone, never from a
   * document in memory, so it can only ever add to what is stored.
   */
  async compact(conventionId: string, meta: { title: string; period: Period }): Promise<void> {
    const stored = await this.store.readDocument(conventionId)
    if (!stored || stored.updates.length === 0) return
    const snapshot = this.merge(conventionId, stored)
    const foldedSeqs = stored.updates.map((u) => u.seq)
    await this.store.compact(conventionId, { snapshot, expectedVersion: stored.snapshotVersion, foldedSeqs, meta })
  }

  /** Waits for the appends already queued (used when the server stops). */
  async drain(): Promise<void> {
    while (this.pending.length > 0 || this.flushing || this.flushScheduled) {
      await new Promise((resolve) => setImmediate(resolve))
    }
  }

  private scheduleFlush() {
    if (this.flushScheduled || this.flushing) return
    this.flushScheduled = true
    setImmediate(() => {
      this.flushScheduled = false
      void this.flush()
    })
  }

  private async flush() {
    const batch = this.pending
    this.pending = []
    this.flushing = true
    try {
      await this.store.appendUpdates(batch.map(({ conventionId, update }) => ({ conventionId, update })))
      for (const entry of batch) entry.resolve()
    } catch (error) {
      for (const entry of batch) entry.reject(error)
    } finally {
      this.flushing = false
      if (this.pending.length > 0) this.scheduleFlush()
    }
  }

  /** Snapshot and log as one update; an entry that cannot be decoded is skipped and reported, never fatal. */
  private merge(conventionId: string, stored: StoredDocument): Uint8Array {
    const updates = [stored.snapshot, ...stored.updates.map((u) => u.update)]
    try {
      return Y.mergeUpdates(updates)
    } catch {
      let merged = stored.snapshot
      for (const { seq, update } of stored.updates) {
        try {
          merged = Y.mergeUpdates([merged, update])
        } catch (error) {
          this.logger.error(`convention ${conventionId}: logged update ${seq} cannot be decoded, skipped`, error)
        }
      }
      return merged
    }
  }
}
