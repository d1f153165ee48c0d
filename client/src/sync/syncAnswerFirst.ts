import { collabMessageKind } from '../offline/collabMessageKind.js'

/**
 * A WebSocket class that sends no single update before the client's answer to the
 * server's sync step 1 (its "sync step 2") went out on the same socket.
 *
 * The server refuses an update whose dependencies it lacks (4422, "depends on changes
 * the server does not have"), and a socket the server closed loses the messages still
 * on their way: after any close, the server lacks some of this device's changes. An
 * update made before the new socket's sync answer (queued while offline, loaded from
 * the local copy, or typed during the handshake) may depend on them and be refused,
 * which closes the socket again, which loses more: a loop while typing goes on. The
 * sync answer is the whole difference with the server's state vector, computed when it
 * is sent, so every update made until then is already in it and can be dropped; the
 * updates made after it follow it on the same socket, in order, and depend only on
 * what the server then holds.
 */
export function syncAnswerFirst(Base: typeof WebSocket): typeof WebSocket {
  return class SyncAnswerFirstWebSocket extends Base {
    private answered = false

    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      const kind = collabMessageKind(data)
      if (kind === 'update' && !this.answered) return
      if (kind === 'stepTwo' && this.readyState === WebSocket.OPEN) this.answered = true
      super.send(data)
    }
  }
}
