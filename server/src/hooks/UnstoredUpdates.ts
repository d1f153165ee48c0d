import type { Logger } from '../logger.js'
import type { DocumentLog } from '../storage/DocumentLog.js'

interface Entry {
  update: Uint8Array
  /** whose connection sent it (null: the server) */
  userId: string | null
}

/** How often updates that storage refused are offered again while nothing else is appended. */
const RETRY_MS = 2_000

/**
 * Updates a document holds in memory whose append failed (storage was down). Hocuspocus
 * applies and broadcasts an update before its commit, so once one fails the live document
 * is ahead of the log: a client that reconnects finds its edit already there and sends
 * nothing again. They wait here and go in before the document's next append, whose
 * acknowledgement thus waits for them too, and by themselves every 2 s until storage takes them.
 */
export class UnstoredUpdates {
  private readonly waiting = new Map<string, Entry[]>()
  private readonly timers = new Map<string, NodeJS.Timeout>()

  constructor(
    private readonly log: DocumentLog,
    private readonly logger: Logger,
  ) {}

  has(documentName: string): boolean {
    return this.waiting.has(documentName)
  }

  /** Appends what waits for the document, then `entries`; resolves once all are stored. On failure `entries` wait too. */
  append(documentName: string, entries: Entry[]): Promise<void> {
    const before = this.waiting.get(documentName) ?? []
    const all = [...before, ...entries]
    return Promise.all(all.map((e) => this.log.append(documentName, e.update, e.userId))).then(
      () => this.stored(documentName, before),
      (error: unknown) => {
        this.keep(documentName, entries)
        throw error
      },
    )
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
  }

  private stored(documentName: string, entries: Entry[]) {
    const left = (this.waiting.get(documentName) ?? []).filter((e) => !entries.includes(e))
    if (left.length > 0) return void this.waiting.set(documentName, left)
    this.waiting.delete(documentName)
    clearTimeout(this.timers.get(documentName))
    this.timers.delete(documentName)
  }

  private keep(documentName: string, entries: Entry[]) {
    const waiting = this.waiting.get(documentName) ?? []
    this.waiting.set(documentName, [...waiting, ...entries.filter((e) => !waiting.includes(e))])
    if (this.timers.has(documentName)) return
    const timer = setTimeout(() => {
      this.timers.delete(documentName)
      this.append(documentName, []).then(
        () => this.logger.info(`convention ${documentName}: updates kept through a storage outage are stored`),
        () => undefined,
      )
    }, RETRY_MS)
    timer.unref()
    this.timers.set(documentName, timer)
  }
}
