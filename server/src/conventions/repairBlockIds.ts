import { ID_TYPES } from '@ctg/extensions'
import { createId, idPrefixOf, isValidId, Y_FRAGMENT_NAME } from '@ctg/shared'
import * as Y from 'yjs'

/**
 * Gives a fresh id to every block and entry that has none or one already used earlier
 * in the document, as the editor's UniqueBlockIds does for a paste: a client outside
 * the editor can send a fiche without an id, and the export needs unique ones.
 * Returns the number of ids set.
 */
export function repairBlockIds(ydoc: Y.Doc, origin: unknown): number {
  const seen = new Set<string>()
  const fixes: Y.XmlElement[] = []
  const visit = (parent: Y.XmlFragment) => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue
      if (ID_TYPES.has(child.nodeName)) {
        const id = child.getAttribute('id') as unknown
        if (!isValidId(id) || seen.has(id)) fixes.push(child)
        else seen.add(id)
      }
      visit(child)
    }
  }
  visit(ydoc.getXmlFragment(Y_FRAGMENT_NAME))
  if (fixes.length === 0) return 0
  ydoc.transact(() => {
    for (const element of fixes) element.setAttribute('id', createId(idPrefixOf(element.nodeName)))
  }, origin)
  return fixes.length
}
