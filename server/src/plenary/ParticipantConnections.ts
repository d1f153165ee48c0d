import { PLENARY_CLOSED_CLOSE, type PlenaryMessage, CloseCode } from '@ctg/shared'
import {
  Connection,
  Document,
  MessageType,
  OutgoingMessage,
  type beforeHandleMessagePayload,
  type connectedPayload,
  type Extension,
} from '@hocuspocus/server'
import { readMessageEnvelope } from '../limits/readMessageEnvelope.js'
import { refuseConnection } from '../limits/refuseConnection.js'
import { participantOf } from './ParticipantContext.js'
import { batchParticipantUpdates } from './participantUpdates.js'

/** setTimeout's longest delay; a later end is armed again then. */
const LONGEST_TIMER_MS = 2 ** 31 - 1

let awarenessHidden = false

/**
 * Participants follow the document read-only and never see who is writing: Hocuspocus sends
 * every connection the awareness states (names, carets) when it opens and at each change, so
 * both sends skip participants' connections. Patched once per process, on the classes.
 */
function hideAwarenessFromParticipants() {
  if (awarenessHidden) return
  awarenessHidden = true
  const connection = Connection.prototype as unknown as { sendCurrentAwareness(this: Connection): void }
  const sendCurrent = connection.sendCurrentAwareness
  connection.sendCurrentAwareness = function (this: Connection) {
    if (!participantOf(this)) sendCurrent.call(this)
  }
  const document = Document.prototype as unknown as {
    broadcast(encode: (address: string) => Uint8Array, filter?: (c: Connection) => boolean): void
    awareness: Document['awareness']
    broadcastAwarenessUpdate(this: Document, changed: number[]): void
  }
  document.broadcastAwarenessUpdate = function (this: Document, changed: number[]) {
    const self = this as unknown as typeof document
    self.broadcast(
      // the same bytes Hocuspocus builds, encoded once per address as it does
      (address) => new OutgoingMessage(address).createAwarenessUpdateMessage(self.awareness, changed).toUint8Array(),
      (c) => !participantOf(c),
    )
  }
}

/**
 * What a participant's `/collab` connection may not do or see (their context has no `user`,
 * so AwarenessIdentity already drops what they publish and ReadOnlyEnforcement closes them
 * on a stateless message): they receive no awareness and the writers' updates merged every
 * PARTICIPANT_FLUSH_MS (participantUpdates.ts), may not ask for awareness (4403), and their
 * socket closes when the plénière's end time passes (4410 `plenary closed`).
 */
export class ParticipantConnections implements Extension {
  extensionName = 'ParticipantConnections'

  constructor() {
    hideAwarenessFromParticipants()
    batchParticipantUpdates()
  }

  async beforeHandleMessage({ connection, update }: beforeHandleMessagePayload) {
    if (!participantOf(connection)) return
    let type: MessageType
    try {
      type = readMessageEnvelope(update).type
    } catch {
      return // ConnectionLimits closes it
    }
    if (type === MessageType.QueryAwareness) refuseConnection(connection, CloseCode.forbidden, 'forbidden')
  }

  async connected({ connection }: connectedPayload): Promise<void> {
    const participant = participantOf(connection)
    if (!participant) return
    const endsAt = Date.parse(participant.endsAt)
    let timer: NodeJS.Timeout
    const arm = () => {
      const left = endsAt - Date.now()
      if (left <= 0) {
        connection.sendStateless(
          JSON.stringify({
            type: 'plenary',
            plenaryId: participant.plenaryId,
            event: 'closed',
          } satisfies PlenaryMessage),
        )
        return connection.webSocket.close(PLENARY_CLOSED_CLOSE.code, PLENARY_CLOSED_CLOSE.reason)
      }
      timer = setTimeout(arm, Math.min(left, LONGEST_TIMER_MS))
      timer.unref()
    }
    arm()
    connection.onClose(() => clearTimeout(timer))
  }
}
