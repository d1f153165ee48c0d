import * as Y from 'yjs'

/**
 * Tells whether everything `update` holds is now in `doc`: each of its structs integrated
 * and each item it deletes present (a deletion of an item not there yet waits, as Yjs's
 * pending deletions, and applies once the item comes). Decoded once, asked after each
 * transaction while part of the update waits for its dependencies.
 */
export function integrationOf(update: Uint8Array): (doc: Y.Doc) => boolean {
  const needed = new Map<number, number>()
  const need = (client: number, clock: number) => needed.set(client, Math.max(needed.get(client) ?? 0, clock))
  const { structs, ds } = Y.decodeUpdate(update)
  for (const struct of structs) if (!(struct instanceof Y.Skip)) need(struct.id.client, struct.id.clock + struct.length)
  for (const [client, ranges] of ds.clients) for (const { clock, len } of ranges) need(client, clock + len)
  return (doc) => [...needed].every(([client, clock]) => Y.getState(doc.store, client) >= clock)
}
