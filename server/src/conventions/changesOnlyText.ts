import * as Y from 'yjs'
import { insertedItems } from './insertedItems.js'

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
  for (const item of insertedItems(transaction)) if (item.content instanceof Y.ContentType) return false
  return true
}
