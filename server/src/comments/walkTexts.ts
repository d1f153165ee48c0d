import { conventionNodes, Y_FRAGMENT_NAME } from '@ctg/shared'
import * as Y from 'yjs'

const SPECS = conventionNodes as Record<string, { role: string } | undefined>

/** An element that anchors whole-block threads: a block or an entry with its stable id. */
export function anchorIdOf(element: Y.XmlElement): string | null {
  const role = SPECS[element.nodeName]?.role
  if (role !== 'block' && role !== 'entry') return null
  const id = element.getAttribute('id') as unknown
  return typeof id === 'string' && id !== '' ? id : null
}

export const isFieldNode = (name: string) => SPECS[name]?.role === 'field'

/** Where a text is: its innermost block or entry, and the field node that holds it. */
export interface TextPlace {
  text: Y.XmlText
  /** innermost block or entry id, null in free text */
  blockId: string | null
  /** the innermost element with the `field` role, else the text's own node (paragraph, heading …) */
  field: string
  /** ids of every enclosing block or entry, outermost first */
  containers: string[]
}

export interface WalkVisitor {
  /** a block or entry, when its walk begins */
  element?(id: string, element: Y.XmlElement): void
  text?(place: TextPlace): void
}

/** Visits the document's blocks, entries and texts in document order. */
export function walkTexts(doc: Y.Doc, visitor: WalkVisitor): void {
  const visit = (parent: Y.XmlFragment, containers: string[], field: string | null) => {
    for (const child of parent.toArray()) {
      if (child instanceof Y.XmlText) {
        const own = parent instanceof Y.XmlElement ? parent.nodeName : 'doc'
        visitor.text?.({ text: child, blockId: containers.at(-1) ?? null, field: field ?? own, containers })
      } else if (child instanceof Y.XmlElement) {
        const id = anchorIdOf(child)
        if (id) visitor.element?.(id, child)
        const isField = SPECS[child.nodeName]?.role === 'field'
        visit(child, id ? [...containers, id] : containers, isField ? child.nodeName : field)
      }
    }
  }
  visit(doc.getXmlFragment(Y_FRAGMENT_NAME), [], null)
}

/** One run of characters of a text with the same formatting, deleted ones left out. */
export interface TextRun {
  item: Y.Item
  /** the run's characters */
  text: string
  /** index of its first character in the text */
  index: number
  attributes: Map<string, unknown>
}

/** The live characters of a text, item by item, with the formatting in force on each. */
export function* textRuns(text: Y.XmlText): Generator<TextRun> {
  const attributes = new Map<string, unknown>()
  let index = 0
  for (let item = text._start; item; item = item.right) {
    if (item.deleted) continue
    const content = item.content
    if (content instanceof Y.ContentFormat) {
      if (content.value === null) attributes.delete(content.key)
      else attributes.set(content.key, content.value)
    } else if (content instanceof Y.ContentString) {
      yield { item, text: content.str, index, attributes }
      index += content.str.length
    } else if (item.countable) {
      index += item.length
    }
  }
}
