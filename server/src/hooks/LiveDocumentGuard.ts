import type { connectedPayload, Extension } from '@hocuspocus/server'
import { CloseCode } from '@ctg/shared'
import type { Logger } from '../logger.js'

/**
 * Closes a connection that Hocuspocus attached to a document it was unloading. A socket
 * that opens while the last one of a convention closes gets the document from
 * `createDocument` before the unload deletes it, and can be attached to it after: it
 * would be synced with that copy while the updates of everybody else go to the document
 * loaded next. Closed with Hocuspocus's reset code, the provider reconnects at once and is
 * attached to the live document. (Suspected for chaos seed 17; it never fired in 47 chaos
 * seeds, so that seed's cause is elsewhere.)
 */
export class LiveDocumentGuard implements Extension {
  extensionName = 'LiveDocumentGuard'

  constructor(private readonly logger: Logger) {}

  async connected({ connection, documentName, instance }: connectedPayload) {
    const { document } = connection
    if (!document.isDestroyed && instance.documents.get(documentName) === document) return
    this.logger.warn(`convention ${documentName}: a connection was attached to an unloaded copy; closed to reconnect`)
    connection.webSocket.close(CloseCode.reset, 'reset connection')
  }
}
