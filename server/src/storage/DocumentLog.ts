import type { Logger } from '../logger.js'
import type { ConventionMeta, ConventionStore, LogEntry } from './ConventionStore.js'
import { mergeStoredDocument } from './mergeStoredDocument.js'

interface PendingAppend extends LogEntry {
  resolve(): void
  reject(error: unknown): void
}

/** How long after an append from another source than the last one appends count as coming from several. */
const SEVERAL_SOURCES_MS = 1000

/**
 * The durable side of every document: updates are appended to the store before the
 * server acknowledges them, and folded into a snapshot later.
 *
 * Appends are group-committed: every update that arrives while a commit is being
 * written goes into the next one, so a plenary typing at once costs one fsync per
 * batch rather than one per keystroke. While several people (or the server and someone)
 * append, a batch also waits up to `commitWindowMs` from its first update for others to
 * join it: ten typists at 5 keystrokes a second arrive 20 ms apart, far more often than a
 * commit lasts, so without the window each keystroke was its own fsync (0.5 ms of CPU on
 * this disk, 0.7 ms for ten in one). Only the acknowledgement waits (the others got the
 * update before its commit started); one person alone never waits, so an edit acknowledged
 * before the next is sent is not slowed.
 */
export class DocumentLog {
  private pending: PendingAppend[] = []
  /** when the first of `pending` arrived */
  private pendingSince = 0
  private flushTimer: NodeJS.Timeout | undefined
  private flushScheduled = false
  private flushing = false
  /** who appended last (a user's id; '' for the server), and until when appends come from several */
  private lastSource: string | undefined
  private severalUntil = 0

  constructor(
    private readonly store: ConventionStore,
    private readonly logger: Logger,
    private readonly commitWindowMs = 0,
  ) {}

  /** Resolves once the update is durable; `userId` is whose connection sent it (null: the server). */
  append(conventionId: string, update: Uint8Array, userId: string | null): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) this.pendingSince = performance.now()
      this.pending.push({ conventionId, update, userId, resolve, reject })
      const source = userId ?? ''
      if (source !== this.lastSource) {
        if (this.lastSource !== undefined) this.severalUntil = performance.now() + SEVERAL_SOURCES_MS
        this.lastSource = source
      }
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
      // a batch waiting for others to join goes now: nobody else is coming
      if (this.flushTimer && !this.flushing) {
        clearTimeout(this.flushTimer)
        this.flushTimer = undefined
        this.flushScheduled = false
        void this.flush()
      }
      await new Promise((resolve) => setImmediate(resolve))
    }
  }

  private scheduleFlush() {
    if (this.flushScheduled || this.flushing) return
    this.flushScheduled = true
    const run = () => {
      this.flushScheduled = false
      this.flushTimer = undefined
      void this.flush()
    }
    const now = performance.now()
    const waitMs = now < this.severalUntil ? this.pendingSince + this.commitWindowMs - now : 0
    if (waitMs >= 1) this.flushTimer = setTimeout(run, waitMs)
    else setImmediate(run)
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
