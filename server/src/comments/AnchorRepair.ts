import type { afterLoadDocumentPayload, Extension } from '@hocuspocus/server'
import type * as Y from 'yjs'
import type { Logger } from '../logger.js'
import { anchorRepairs, applyAnchorRepairs } from './anchorRepairs.js'

const ANCHOR_REPAIR_ORIGIN = { source: 'local', context: 'AnchorRepair' }

/**
 * No client moves, forges or removes a thread's anchor: after each update from a
 * connection, a comment mark it added, removed or changed on text that remains is put
 * back as it was, in the same event-loop turn (the repair goes out right behind the
 * update). Deleting commented text is not undone: the thread detaches (DetachWatcher).
 * Only the server's own connection writes anchors (CommentService).
 */
export class AnchorRepair implements Extension {
  extensionName = 'AnchorRepair'

  constructor(private readonly logger: Logger) {}

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload) {
    document.on('afterTransaction', (transaction: Y.Transaction) => {
      const origin = transaction.origin as { source?: string } | null
      // another process repaired what its clients sent; the server's own writes are trusted
      if (origin?.source !== 'connection') return
      try {
        const repairs = anchorRepairs(transaction)
        if (repairs.length === 0) return
        document.transact(() => applyAnchorRepairs(repairs), ANCHOR_REPAIR_ORIGIN)
        const user = (origin as { connection?: { context?: { user?: { id?: string } } } }).connection?.context?.user?.id
        this.logger.warn(`convention ${documentName}: put back ${repairs.length} comment mark(s) changed by ${user}`)
      } catch (error) {
        this.logger.error(`convention ${documentName}: repairing comment marks failed`, error)
      }
    })
  }
}
