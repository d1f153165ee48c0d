import * as decoding from 'lib0/decoding'
import type { TestClient } from './connectClient.js'
import { MessageType } from './protocolFrames.js'
import type { RawSocket } from './rawSocket.js'

/**
 * What a SyncStatus frame says: true (the update was applied), false (refused, as for a
 * read-only connection), or null for any other frame. Hocuspocus answers every update with
 * one, in order, so a test can wait for the answer instead of waiting a fixed time.
 */
export function syncStatusOf(data: Uint8Array): boolean | null {
  const decoder = decoding.createDecoder(data)
  decoding.readVarString(decoder)
  if (decoding.readVarUint(decoder) !== MessageType.SyncStatus) return null
  return decoding.readVarUint(decoder) === 1
}

/** Every SyncStatus answer the provider receives from now on, in order. */
export function syncStatuses(client: TestClient): boolean[] {
  const answers: boolean[] = []
  client.provider.on('message', ({ event }: { event: MessageEvent }) => {
    const status = syncStatusOf(new Uint8Array(event.data as ArrayBuffer))
    if (status !== null) answers.push(status)
  })
  return answers
}

/** The SyncStatus answers a raw socket received so far, in order. */
export const rawSyncStatuses = (socket: RawSocket): boolean[] =>
  socket.received.map(syncStatusOf).filter((status): status is boolean => status !== null)
