import type { Logger } from '../logger.js'
import type { ConventionMeta, ConventionStore, LogEntry } from './ConventionStore.js'
import { mergeStoredDocument } from './mergeStoredDocument.js'

interface PendingAppend extends LogEntry {
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

  /** Resolves once the update is durable; `userId` is whose connection sent it (null: the server). */
  append(conventionId: string, update: Uint8Array, userId: string | null): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ conventionId, update, userId, resolve, reject })
      this.scheduleFlush()
    })
  }

  /** The stored document as one update, or null when the convention does not exist. */
  async load(conventionId: string): Promise<Uint8Array | null> {
    const stored = await this.store.readDocument(conventionId)
    if (!stored) return null
    const { merged, skipped } = mergeStoredDocument(stored)
    this.reportSkipped(conventionId, skipped)
    return merged
  }

  /**
   * Folds the log into the snapshot. Works from storage alone, never from a
   * document in memory, so it can only ever add to what is stored.
   */
  async compact(conventionId: string, meta: ConventionMeta): Promise<void> {
    const { skipped } = await this.store.compact(conventionId, meta)
    this.reportSkipped(conventionId, skipped)
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
      await this.store.appendUpdates(
        batch.map(({ conventionId, update, userId }) => ({ conventionId, update, userId })),
      )
      for (const entry of batch) entry.resolve()
    } catch (error) {
      for (const entry of batch) entry.reject(error)
    } finally {
      this.flushing = false
      if (this.pending.length > 0) this.scheduleFlush()
    }
  }

  private reportSkipped(conventionId: string, skipped: number[]) {
    if (skipped.length === 0) return
    this.logger.error(`convention ${conventionId}: logged update(s) ${skipped.join(', ')} cannot be decoded, skipped`)
  }
}
