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
    // no identity (a plénière participant): nothing it publishes is kept
    if (!user) {
      states.clear()
      return
    }
    const own = document.getClients(connection)
    // the other connections' client ids, read only for a client id this one does not hold yet:
    // a caret moving is its own id, and a plénière puts hundreds of connections on one document
    let heldByOthers: Set<number> | undefined
    const heldByAnother = (clientId: number) => {
      heldByOthers ??= new Set(
        document
          .getConnections()
          .filter((other) => other !== connection)
          .flatMap((other) => [...document.getClients(other)]),
      )
      return heldByOthers.has(clientId)
    }
    let claimed = own.size
    for (const [clientId, state] of states) {
      const allowed = own.has(clientId) || (!heldByAnother(clientId) && claimed++ < MAX_CLIENT_IDS_PER_CONNECTION)
      if (!allowed) {
        states.delete(clientId)
        continue
      }
      if (state && typeof state === 'object') {
        state.user = { id: user.id, name: user.name, color: userColor(user.id) }
      }
    }
  }
}
