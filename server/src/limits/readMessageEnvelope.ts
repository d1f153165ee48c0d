import { IncomingMessage, MessageType } from '@hocuspocus/server'

export interface MessageEnvelope {
  type: MessageType
  /** for sync messages: 0 step 1, 1 step 2, 2 update (y-protocols) */
  syncStep?: number
  /** bytes of the Yjs update, state vector or awareness update it carries */
  payloadBytes: number
}

/** A payload's length prefix, checked against what the frame holds (a function, not a closure made per frame). */
function lengthPrefixed(message: IncomingMessage, frame: Uint8Array): number {
  const bytes = message.readVarUint()
  if (bytes > frame.byteLength - message.decoder.pos) throw new Error('payload longer than the frame')
  return bytes
}

/**
 * Reads what a Hocuspocus frame says about itself, without decoding its payload:
 * routing key (varString), type (varUint), then per type a sync step and a
 * length-prefixed payload. Throws when the frame is cut short.
 */
export function readMessageEnvelope(frame: Uint8Array): MessageEnvelope {
  const message = new IncomingMessage(frame)
  message.readVarString()
  const type = message.readVarUint() as MessageType
  if (type === MessageType.Sync || type === MessageType.SyncReply) {
    const syncStep = message.readVarUint()
    return { type, syncStep, payloadBytes: lengthPrefixed(message, frame) }
  }
  if (type === MessageType.Awareness) return { type, payloadBytes: lengthPrefixed(message, frame) }
  return { type, payloadBytes: frame.byteLength - message.decoder.pos }
}
