import type { Duplex } from 'node:stream'
import { closeReason } from './closeReason.js'

/**
 * Ends an upgraded socket with a WebSocket close frame (RFC 6455, 5.5.1: a server's
 * frames are unmasked). Used before authentication, when no Hocuspocus hook hands out
 * the WebSocket yet; the server sends nothing else on a socket at that stage.
 */
export function closeUpgradedSocket(socket: Duplex, code: number, reason: string): void {
  if (socket.destroyed || !socket.writable) return
  const reasonBytes = Buffer.from(closeReason(reason))
  const frame = Buffer.alloc(4 + reasonBytes.length)
  frame[0] = 0x88 // FIN, opcode 8 (close)
  frame[1] = 2 + reasonBytes.length
  frame.writeUInt16BE(code, 2)
  reasonBytes.copy(frame, 4)
  socket.end(frame)
  // a client that never answers the close frame does not keep the socket
  setTimeout(() => socket.destroy(), 1000).unref()
}
