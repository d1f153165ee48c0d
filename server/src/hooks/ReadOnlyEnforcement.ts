import { CloseCode } from '@ctg/shared'
import type { beforeSyncPayload, Extension, onStatelessPayload } from '@hocuspocus/server'
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync'
import * as Y from 'yjs'
import type { Logger } from '../logger.js'
import type { ConnectionContext } from './Authentication.js'

/**
 * What a read-only connection (reader, commenter) may not do. Hocuspocus itself refuses
 * its updates (readSyncMessage answers SyncStatus false and applies nothing, and the
 * client then discards its own copy, see useCollaboration); this logs each refusal, and closes with 4403 a read-only connection that sends a stateless
 * message (only editors and owners may; nothing uses them yet).
 */
export class ReadOnlyEnforcement implements Extension {
  extensionName = 'ReadOnlyEnforcement'
  constructor(private readonly logger: Logger) {}

  async beforeSync({ type, payload, document, connection, documentName, context }: beforeSyncPayload) {
    if (!connection.readOnly || (type !== messageYjsSyncStep2 && type !== messageYjsUpdate)) return
    // every client answers the server's sync step 1: a read-only one with nothing new, which is accepted
    if (type === messageYjsSyncStep2 && Y.snapshotContainsUpdate(Y.snapshot(document), payload)) return
    const user = (context as Partial<ConnectionContext>).user?.id ?? connection.socketId
    this.logger.warn(`convention ${documentName}: refused an update from read-only user ${user}`)
  }

  async onStateless({ connection, documentName }: onStatelessPayload) {
    if (!connection.readOnly) return
    const user = (connection.context as Partial<ConnectionContext>).user?.id ?? connection.socketId
    this.logger.warn(`convention ${documentName}: refused a stateless message from read-only user ${user}`)
    // no throw: Hocuspocus does not await this hook, a rejection would go unhandled
    connection.webSocket.close(CloseCode.forbidden, 'forbidden')
  }
}
