import * as Y from 'yjs'

export interface ForkedDoc {
  doc: Y.Doc
  /** the updates of every change made to `doc` since the fork */
  updates: Uint8Array[]
  /** those updates as one */
  merged(): Uint8Array
}

/**
 * A copy of `source` whose changes are recorded rather than sent: what a client
 * outside the editor would build before sending it over a raw socket.
 */
export function forkDoc(source: Y.Doc, clientID?: number): ForkedDoc {
  const doc = new Y.Doc({ gc: false })
  if (clientID !== undefined) doc.clientID = clientID
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(source))
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  return { doc, updates, merged: () => Y.mergeUpdates(updates) }
}
