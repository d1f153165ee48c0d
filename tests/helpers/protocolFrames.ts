import * as encoding from 'lib0/encoding'

/** The Hocuspocus message types (MessageType in @hocuspocus/server). */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
  SyncReply: 4,
  Stateless: 5,
  BroadcastStateless: 6,
  CLOSE: 7,
  SyncStatus: 8,
  Ping: 9,
  Pong: 10,
} as const

/** y-protocols sync steps */
export const SyncStep = { one: 0, two: 1, update: 2 } as const

/** A Hocuspocus frame: the document name (varString), the message type (varUint), then `body`. */
export function frame(documentName: string, type: number, body: (encoder: encoding.Encoder) => void = () => {}) {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, documentName)
  encoding.writeVarUint(encoder, type)
  body(encoder)
  return encoding.toUint8Array(encoder)
}

export const authFrame = (documentName: string, token: string) =>
  frame(documentName, MessageType.Auth, (e) => {
    encoding.writeVarUint(e, 0) // AuthMessageType.Token
    encoding.writeVarString(e, token)
  })

export const syncFrame = (documentName: string, step: number, payload: Uint8Array) =>
  frame(documentName, MessageType.Sync, (e) => {
    encoding.writeVarUint(e, step)
    encoding.writeVarUint8Array(e, payload)
  })

export const updateFrame = (documentName: string, update: Uint8Array) =>
  syncFrame(documentName, SyncStep.update, update)

export const awarenessFrame = (documentName: string, payload: Uint8Array) =>
  frame(documentName, MessageType.Awareness, (e) => encoding.writeVarUint8Array(e, payload))
