import { Y_FRAGMENT_NAME } from '@ctg/shared'
import * as Y from 'yjs'

/**
 * Finds the nth Y.XmlElement of a node type in document order. Tests type into
 * its Y.XmlText the way y-prosemirror does for a keystroke in that field.
 */
export function findElements(doc: Y.Doc, nodeName: string): Y.XmlElement[] {
  const out: Y.XmlElement[] = []
  const walk = (parent: Y.XmlElement | Y.XmlFragment) => {
    for (const child of parent.toArray()) {
      if (child instanceof Y.XmlElement) {
        if (child.nodeName === nodeName) out.push(child)
        walk(child)
      }
    }
  }
  walk(doc.getXmlFragment(Y_FRAGMENT_NAME))
  return out
}

/** The text of a single-line field (its Y.XmlText). */
export function fieldText(field: Y.XmlElement): Y.XmlText {
  const first = field.get(0)
  if (first instanceof Y.XmlText) return first
  const text = new Y.XmlText()
  field.insert(0, [text])
  return text
}
