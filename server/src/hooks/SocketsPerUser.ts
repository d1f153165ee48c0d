import { TOO_MANY_CONNECTIONS_CLOSE } from '@ctg/shared'
import type { connectedPayload, Extension } from '@hocuspocus/server'
import type { Logger } from '../logger.js'
import type { ConnectionContext } from './Authentication.js'

/** Close code and reason of a socket over the per-user cap. */

/**
 * Caps the authenticated sockets one person holds on this process (`MAX_SOCKETS_PER_USER`):
 * a stolen token or a runaway script cannot pin thousands of sockets and their documents.
 * A socket counts once however many conventions it multiplexes; the newest one over the
 * cap is closed right after authentication (4429 `too many connections`), the others stay.
 */
export class SocketsPerUser implements Extension {
  extensionName = 'SocketsPerUser'
  /** user id → socket → document connections open on it */
  private readonly sockets = new Map<string, Map<object, number>>()

  constructor(
    private readonly maxSocketsPerUser: number,
    private readonly logger: Logger,
  ) {}

  async connected({ connection, context }: connectedPayload<ConnectionContext>): Promise<void> {
    const userId = context.user?.id
    // a connection that closed while earlier `connected` hooks ran (FreezeGuard reads the
    // database) is not counted: its close, already past, would never give its place back
    if (!userId || !connection.document.hasConnection(connection)) return
    const socket = connection.webSocket as object
    const mine = this.sockets.get(userId) ?? new Map<object, number>()
    if (!mine.has(socket) && mine.size >= this.maxSocketsPerUser) {
      this.logger.warn(`closed a socket of ${userId}: over ${this.maxSocketsPerUser} sockets on this process`)
      connection.webSocket.close(TOO_MANY_CONNECTIONS_CLOSE.code, TOO_MANY_CONNECTIONS_CLOSE.reason)
      return
    }
    mine.set(socket, (mine.get(socket) ?? 0) + 1)
    this.sockets.set(userId, mine)
    connection.onClose(() => {
      const left = (mine.get(socket) ?? 1) - 1
      if (left > 0) mine.set(socket, left)
      else mine.delete(socket)
      if (mine.size === 0 && this.sockets.get(userId) === mine) this.sockets.delete(userId)
    })
  }
}
