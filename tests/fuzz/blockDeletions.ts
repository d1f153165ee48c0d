import { ID_TYPES } from '@ctg/extensions'
import * as Y from 'yjs'

/** The id attribute an element had, read even once it is deleted (the fuzz's documents keep deleted content). */
function idOf(element: Y.XmlElement): string | null {
  const value = element._map.get('id')?.content.getContent()[0] as unknown
  return typeof value === 'string' ? value : null
}

/**
 * The block and entry elements a transaction deleted, each with its element's Yjs id and
 * `by` (who deleted it): when a block disappears, this says whether a person, an undo, the
 * binding (an element it could not build) or the server's repair removed each copy.
 */
export function describeBlockDeletions(transaction: Y.Transaction, by: string): { blockId: string; what: string }[] {
  const out: { blockId: string; what: string }[] = []
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentType)) return
    const element = struct.content.type
    if (!(element instanceof Y.XmlElement) || !ID_TYPES.has(element.nodeName)) return
    const blockId = idOf(element)
    // an element deleted with its parent is not a deletion of its own
    const parent = struct.parent as Y.AbstractType<unknown>
    if (parent._item && transaction.deleteSet.clients.has(parent._item.id.client) && parent._item.deleted) {
      const clock = parent._item.id.clock
      const deletedWithParent = transaction.deleteSet.clients
        .get(parent._item.id.client)!
        .some((d) => d.clock <= clock && clock < d.clock + d.len)
      if (deletedWithParent) return
    }
    if (blockId) out.push({ blockId, what: `element ${struct.id.client}:${struct.id.clock} deleted by ${by}` })
  })
  return out
}
