import * as Y from 'yjs'

/**
 * Whether a transaction changed nothing but the content of texts that existed before it:
 * characters and their formatting, inserted or deleted (typing, most transactions). No element
 * was added, removed or given attributes, and no type was created, so no block id and no
 * table's shape changed.
 */
export function changesOnlyText(transaction: Y.Transaction): boolean {
  for (const [type, keys] of transaction.changed) {
    // a key other than null is an attribute (a map entry) of the type
    if (!(type instanceof Y.XmlText) || keys.size !== 1 || !keys.has(null)) return false
  }
  const { clients } = transaction.doc.store
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0
    const structs = clients.get(client)
    if (after === before || !structs) continue
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i]
      if (struct instanceof Y.Item && struct.content instanceof Y.ContentType) return false
    }
  }
  return true
}
