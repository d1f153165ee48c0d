import type { Connection } from '@hocuspocus/server'
import { ConnectionRefusal } from './ConnectionRefusal.js'
import { closeReason } from './closeReason.js'

/**
 * Ends the connection's socket with `code` and stops the hook chain, so the message is
 * never applied. Closing only the document connection (what Hocuspocus does with a hook's
 * error) would leave the socket open for the next attempt and lose the code on the way.
 */
export function refuseConnection(connection: Connection, code: number, reason: string): never {
  const fitting = closeReason(reason)
  connection.webSocket.close(code, fitting)
  throw new ConnectionRefusal(code, fitting)
}
