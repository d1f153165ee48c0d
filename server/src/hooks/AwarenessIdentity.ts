import { userColor } from '@ctg/shared'
import type { beforeHandleAwarenessPayload, Extension } from '@hocuspocus/server'
import type { ConnectionContext } from './Authentication.js'

/** A provider publishes one Yjs client id per document; a few more leave room for a reload on the same socket. */
const MAX_CLIENT_IDS_PER_CONNECTION = 4

/**
 * Nobody may appear as someone else. A connection publishes awareness only for client ids
 * that no other connection holds (at most a few), and the `user` field of each state is
 * replaced with the identity the server knows: id and name from the token, colour derived
 * from the id as the client does. Other fields (cursor, selection) pass unchanged.
 */
export class AwarenessIdentity implements Extension {
  extensionName = 'AwarenessIdentity'

  async beforeHandleAwareness({ connection, document, states }: beforeHandleAwarenessPayload) {
    if (!connection) return
    const user = (connection.context as Partial<ConnectionContext>).user
    const own = document.getClients(connection)
    const heldByOthers = new Set(
      document
        .getConnections()
        .filter((other) => other !== connection)
        .flatMap((other) => [...document.getClients(other)]),
    )
    let claimed = own.size
    for (const [clientId, state] of states) {
      const allowed = own.has(clientId) || (!heldByOthers.has(clientId) && claimed++ < MAX_CLIENT_IDS_PER_CONNECTION)
      if (!allowed || !user) {
        states.delete(clientId)
        continue
      }
      if (state && typeof state === 'object') {
        state.user = { id: user.id, name: user.name, color: userColor(user.id) }
      }
    }
  }
}
