import * as Y from 'yjs'

/** The items a transaction inserted (each client's structs past its state before the transaction). */
export function* insertedItems(transaction: Y.Transaction): Generator<Y.Item> {
  const { clients } = transaction.doc.store
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0
    const structs = clients.get(client)
    if (after === before || !structs) continue
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i]
      if (struct instanceof Y.Item) yield struct
    }
  }
}
