import type { afterLoadDocumentPayload, afterUnloadDocumentPayload, Document, Extension } from '@hocuspocus/server'
import type * as Y from 'yjs'
import type { Logger } from '../logger.js'
import type { CommentService } from './CommentService.js'

/**
 * Shortly after a change that deleted something (at most every `intervalMs`; typing alone
 * never detaches anything), finds the threads whose
 * passage has no character left or whose block is gone, records them as detached and
 * announces it (`detached`). The thread itself is kept, with its quote. The listing
 * (`GET …/threads`) reads the document itself, so it never waits for this.
 */
export class DetachWatcher implements Extension {
  extensionName = 'DetachWatcher'
  private readonly timers = new Map<string, NodeJS.Timeout>()

  constructor(
    private readonly comments: () => CommentService,
    private readonly logger: Logger,
    private readonly intervalMs = 250,
  ) {}

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload) {
    document.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.deleteSet.clients.size > 0) this.schedule(documentName, document)
    })
  }

  private schedule(documentName: string, document: Document) {
    if (this.timers.has(documentName)) return
    const timer = setTimeout(() => {
      this.timers.delete(documentName)
      if (document.isDestroyed) return
      this.comments()
        .checkDetached(documentName, document)
        .catch((error) => this.logger.error(`convention ${documentName}: detached threads not checked`, error))
    }, this.intervalMs)
    timer.unref()
    this.timers.set(documentName, timer)
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload) {
    clearTimeout(this.timers.get(documentName))
    this.timers.delete(documentName)
  }

  async onDestroy() {
    for (const timer of this.timers.values()) clearTimeout(timer)
  }
}
