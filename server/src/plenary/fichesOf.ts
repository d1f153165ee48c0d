import { Y_FRAGMENT_NAME } from '@ctg/shared'
import * as Y from 'yjs'

/** The fiche actions of the document, in document order: their element and id. */
export function fichesOf(doc: Y.Doc): { id: string; element: Y.XmlElement }[] {
  const fiches: { id: string; element: Y.XmlElement }[] = []
  for (const child of doc.getXmlFragment(Y_FRAGMENT_NAME).toArray()) {
    if (!(child instanceof Y.XmlElement) || child.nodeName !== 'ficheAction') continue
    const id = child.getAttribute('id')
    if (typeof id === 'string' && id) fiches.push({ id, element: child })
  }
  return fiches
}
