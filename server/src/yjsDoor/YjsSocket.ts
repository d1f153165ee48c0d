import { MessageType, type WebSocketLike } from '@hocuspocus/server'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { WebSocket } from 'ws'

/** What a y-websocket client may send: sync, awareness and a request for everyone's awareness. */
const CLIENT_TYPES = new Set<number>([MessageType.Sync, MessageType.Awareness, MessageType.QueryAwareness])

/** Hocuspocus's "reset connection", sent when it closed the document connection itself (e.g. an undecodable sync message). */
const RESET = { code: 4205, reason: 'reset connection' }

/**
 * The y-websocket protocol is Hocuspocus's without the document name in front and with
 * fewer message types (y-protocols: 0 sync, 1 awareness, 3 query awareness). This socket
 * stands for a y-websocket client towards Hocuspocus: `send` receives Hocuspocus's frames and
 * passes on what a y-websocket client understands, without the name (a sync reply becomes
 * a plain sync message); `toHocuspocus` puts the name in front of what the client sent.
 * Hocuspocus's own messages (authenticated, sync status, stateless, ping) have no y-websocket
 * equivalent and are dropped; its "close" for the document closes the socket, since a
 * y-websocket socket carries one document.
 */
export class YjsSocket implements WebSocketLike {
  constructor(
    private readonly socket: WebSocket,
    private readonly documentName: string,
  ) {}

  get readyState(): number {
    return this.socket.readyState
  }

  send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
    if (!(data instanceof Uint8Array)) return
    const decoder = decoding.createDecoder(data)
    decoding.readVarString(decoder)
    const type = decoding.readVarUint(decoder)
    if (type === MessageType.CLOSE) return this.close(RESET.code, RESET.reason)
    if (type !== MessageType.Sync && type !== MessageType.SyncReply && type !== MessageType.Awareness) return
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, type === MessageType.SyncReply ? MessageType.Sync : type)
    encoding.writeUint8Array(encoder, data.subarray(decoder.pos))
    this.socket.send(encoding.toUint8Array(encoder))
  }

  close(code?: number, reason?: string): void {
    this.socket.close(code, reason)
  }

  /** The Hocuspocus frame for a y-websocket client's message, or null when its type is not one a client sends. */
  toHocuspocus(message: Uint8Array): Uint8Array | null {
    let type: number
    try {
      type = decoding.readVarUint(decoding.createDecoder(message))
    } catch {
      return null
    }
    if (!CLIENT_TYPES.has(type)) return null
    const encoder = encoding.createEncoder()
    encoding.writeVarString(encoder, this.documentName)
    encoding.writeUint8Array(encoder, message)
    return encoding.toUint8Array(encoder)
  }

  /** Hocuspocus's authentication message, with the token of the upgrade request's query. */
  authentication(token: string): Uint8Array {
    const encoder = encoding.createEncoder()
    encoding.writeVarString(encoder, this.documentName)
    encoding.writeVarUint(encoder, MessageType.Auth)
    encoding.writeVarUint(encoder, 0) // AuthMessageType.Token
    encoding.writeVarString(encoder, token)
    return encoding.toUint8Array(encoder)
  }
}
