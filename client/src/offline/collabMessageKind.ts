import * as decoding from 'lib0/decoding'

/**
 * What a Hocuspocus message means for the changes of this device:
 * - `stepTwo`: the client's answer to the server's sync step 1, every change the server lacks;
 * - `update`: one change, sent as it is made;
 * - `applied` / `refused`: the server's acknowledgement of one of those two, in order.
 */
export type CollabMessageKind = 'stepTwo' | 'update' | 'applied' | 'refused' | 'other'

// @hocuspocus/common MessageType and y-protocols/sync message types
const SYNC = 0
const SYNC_STATUS = 8
const SYNC_STEP_2 = 1
const SYNC_UPDATE = 2

/** Reads the header of a message as it goes over the WebSocket (document name, type, subtype). */
export function collabMessageKind(data: unknown): CollabMessageKind {
  const bytes =
    data instanceof ArrayBuffer
      ? new Uint8Array(data)
      : ArrayBuffer.isView(data)
        ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
        : null
  // ping and pong are one byte, without a document name
  if (!bytes || bytes.length < 2) return 'other'
  try {
    const decoder = decoding.createDecoder(bytes)
    decoding.readVarString(decoder)
    const type = decoding.readVarUint(decoder)
    if (type === SYNC_STATUS) return decoding.readVarUint(decoder) === 1 ? 'applied' : 'refused'
    if (type !== SYNC) return 'other'
    const step = decoding.readVarUint(decoder)
    return step === SYNC_STEP_2 ? 'stepTwo' : step === SYNC_UPDATE ? 'update' : 'other'
  } catch {
    return 'other'
  }
}
