import { IncomingMessage, MessageType } from '@hocuspocus/server'

export interface MessageEnvelope {
  type: MessageType
  /** for sync messages: 0 step 1, 1 step 2, 2 update (y-protocols) */
  syncStep?: number
  /** bytes of the Yjs update, state vector or awareness update it carries */
  payloadBytes: number
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
  const lengthPrefixed = () => {
    const bytes = message.readVarUint()
    if (bytes > frame.byteLength - message.decoder.pos) throw new Error('payload longer than the frame')
    return bytes
  }
  if (type === MessageType.Sync || type === MessageType.SyncReply) {
    const syncStep = message.readVarUint()
    return { type, syncStep, payloadBytes: lengthPrefixed() }
  }
  if (type === MessageType.Awareness) return { type, payloadBytes: lengthPrefixed() }
  return { type, payloadBytes: frame.byteLength - message.decoder.pos }
}
