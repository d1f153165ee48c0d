import type { Node as PMNode, Schema } from '@tiptap/pm/model'
import * as Y from 'yjs'

export interface StandIn {
  child: Y.XmlElement | Y.XmlText
  /** an empty node of the child's type (a text: one space), enough to match a content expression */
  node: PMNode
}

/**
 * The children of an element as y-prosemirror reads them into ProseMirror: one node per
 * element, one text per non-empty Y.XmlText (an empty one gives no node). Null when a
 * child has a type the schema does not know.
 */
export function standInChildren(element: Y.XmlFragment, schema: Schema): StandIn[] | null {
  const standIns: StandIn[] = []
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlElement) {
      const type = schema.nodes[child.nodeName]
      if (!type) return null
      standIns.push({ child, node: type.create() })
    } else if (child instanceof Y.XmlText && child.length > 0) standIns.push({ child, node: schema.text(' ') })
  }
  return standIns
}
