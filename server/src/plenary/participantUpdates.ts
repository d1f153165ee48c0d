import { Document, OutgoingMessage, type Connection } from '@hocuspocus/server'
import * as Y from 'yjs'
import { participantOf } from './ParticipantContext.js'

/**
 * How long a participant's phone may lag behind the writers: the issue asks for "within a
 * second"; a tenth of it still reads as live on a phone and cuts the sends to a room of phones
 * from one per keystroke to at most ten a second, whatever the number of writers.
 */
export const PARTICIPANT_FLUSH_MS = 100

/** Sends per event-loop turn: a writer's keystroke arriving meanwhile waits for at most this many. */
const SENDS_PER_TURN = 25

interface PendingForParticipants {
  updates: Uint8Array[]
  timer: NodeJS.Timeout
}

const pending = new WeakMap<Document, PendingForParticipants>()
let patched = false

/**
 * Writers' updates reach the members' connections at once (Hocuspocus's own broadcast, one
 * encode per keystroke) and the participants' connections merged, every PARTICIPANT_FLUSH_MS,
 * sent a few sockets per event-loop turn. 200 phones otherwise cost 200 socket writes per
 * keystroke on the loop that also carries the writers' keystrokes (bench/README.md,
 * "Plénière"). Yjs updates commute, so a phone that syncs meanwhile loses nothing: what it
 * already has, it applies as a no-op. Patched once per process, on the class.
 */
export function batchParticipantUpdates() {
  if (patched) return
  patched = true
  const document = Document.prototype as unknown as {
    broadcast(encode: (address: string) => Uint8Array, filter?: (c: Connection) => boolean): void
    broadcastUpdate(this: Document, update: Uint8Array): void
    destroy(this: Document): void
  }
  const destroy = document.destroy
  document.destroy = function (this: Document) {
    clearTimeout(pending.get(this)?.timer)
    pending.delete(this)
    destroy.call(this)
  }
  document.broadcastUpdate = function (this: Document, update: Uint8Array) {
    const self = this as unknown as typeof document
    let participants = false
    self.broadcast(
      (address) => new OutgoingMessage(address).createSyncMessage().writeUpdate(update).toUint8Array(),
      (connection) => {
        if (!participantOf(connection)) return true
        participants = true
        return false
      },
    )
    if (!participants) return
    const waiting = pending.get(this)
    if (waiting) waiting.updates.push(update)
    else
      pending.set(this, {
        updates: [update],
        timer: setTimeout(() => sendToParticipants(this), PARTICIPANT_FLUSH_MS),
      })
  }
}

function sendToParticipants(document: Document) {
  const waiting = pending.get(document)
  pending.delete(document)
  if (!waiting || document.isDestroyed) return
  const update = waiting.updates.length === 1 ? waiting.updates[0]! : Y.mergeUpdates(waiting.updates)
  const connections = document.getConnections().filter((connection) => participantOf(connection))
  const messages = new Map<string, Uint8Array>()
  const sendFrom = (start: number) => {
    for (const connection of connections.slice(start, start + SENDS_PER_TURN)) {
      const address = connection.messageAddress
      let message = messages.get(address)
      if (!message) {
        message = new OutgoingMessage(address).createSyncMessage().writeUpdate(update).toUint8Array()
        messages.set(address, message)
      }
      connection.send(message)
    }
    if (start + SENDS_PER_TURN < connections.length) setImmediate(sendFrom, start + SENDS_PER_TURN)
  }
  sendFrom(0)
}
