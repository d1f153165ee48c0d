import type { Connection } from '@hocuspocus/server'
import { ConnectionRefusal } from './closeCodes.js'

/**
 * Ends the connection's socket with `code` and stops the hook chain, so the message is
 * never applied. Closing only the document connection (what Hocuspocus does with a hook's
 * error) would leave the socket open for the next attempt and lose the code on the way.
 */
export function refuseConnection(connection: Connection, code: number, reason: string): never {
  connection.webSocket.close(code, reason)
  throw new ConnectionRefusal(code, reason)
}
