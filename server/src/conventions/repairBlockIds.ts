import { ID_TYPES } from '@ctg/extensions'
import { createId, idPrefixOf, isValidId, Y_FRAGMENT_NAME } from '@ctg/shared'
import * as Y from 'yjs'

/**
 * Gives a fresh id to every block and entry that has none or one already used earlier
 * in the document, as the editor's UniqueBlockIds does for a paste: a client outside
 * the editor can send a fiche without an id, and the export needs unique ones.
 *
 * A top-level block whose id an earlier top-level block already has is a second copy of
 * one block: the editor writes a moved block as a new element (`alignByBlockId`), and
 * two people moving it at once each write one. The later copy is deleted, once, here,
 * for everyone (giving it a new id would show the block twice).
 * Returns the number of ids set and copies deleted.
 */
export function repairBlockIds(ydoc: Y.Doc, origin: unknown): number {
  const root = ydoc.getXmlFragment(Y_FRAGMENT_NAME)
  const seen = new Set<string>()
  const fixes: Y.XmlElement[] = []
  const copies: Y.XmlElement[] = []
  const visit = (parent: Y.XmlFragment) => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue
      if (ID_TYPES.has(child.nodeName)) {
        const id = child.getAttribute('id') as unknown
        if (isValidId(id) && seen.has(id) && parent === root) {
          copies.push(child)
          continue
        }
        if (!isValidId(id) || seen.has(id)) fixes.push(child)
        else seen.add(id)
      }
      visit(child)
    }
  }
  visit(root)
  if (fixes.length === 0 && copies.length === 0) return 0
  ydoc.transact(() => {
    for (const copy of copies) root.delete(root.toArray().indexOf(copy), 1)
    for (const element of fixes) element.setAttribute('id', createId(idPrefixOf(element.nodeName)))
  }, origin)
  return fixes.length + copies.length
}
