import { TEXT_FIELD_NAMES, textLimitOf } from '@ctg/shared'
import * as Y from 'yjs'

/** The node that holds one text of the export: a field, a list item, or a top-level paragraph or heading. */
function textHolderOf(text: Y.XmlText): Y.XmlElement | null {
  for (let node: unknown = text.parent; node instanceof Y.XmlElement; node = node.parent) {
    if (TEXT_FIELD_NAMES.has(node.nodeName) || node.nodeName === 'listItem' || !(node.parent instanceof Y.XmlElement))
      return node
  }
  return null
}

/** The length of an inline container's text as the export writes it: a hard break counts one. */
function inlineLength(element: Y.XmlElement): number {
  let length = 0
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) length += child.length
    else if (child instanceof Y.XmlElement) length += child.nodeName === 'hardBreak' ? 1 : inlineLength(child)
  }
  return length
}

/** The length of a holder's text: its paragraphs (not its sublists) joined by a blank line. */
function holderLength(holder: Y.XmlElement): number {
  const blocks = holder.toArray().filter((c): c is Y.XmlElement => c instanceof Y.XmlElement)
  const inline = holder.toArray().some((c) => c instanceof Y.XmlText) || blocks.every((c) => c.nodeName === 'hardBreak')
  if (inline) return inlineLength(holder)
  const paragraphs = blocks.filter((c) => c.nodeName === 'paragraph' || c.nodeName === 'heading')
  return paragraphs.reduce((sum, p) => sum + inlineLength(p), 0) + 2 * Math.max(0, paragraphs.length - 1)
}

/**
 * The first text, among those an update typed into, that is now longer than the rules
 * allow (`textLimitOf`), or null. The check runs on the replica once the update is
 * applied, so that two people each typing under the limit into the same cell cannot
 * together pass it: the second update to reach the server is refused.
 */
export function textLengthViolation(texts: Iterable<Y.XmlText>): string | null {
  const holders = new Set<Y.XmlElement>()
  for (const text of texts) {
    if (text._item?.deleted) continue
    const holder = textHolderOf(text)
    if (holder && !holder._item?.deleted) holders.add(holder)
  }
  for (const holder of holders) {
    const limit = textLimitOf(holder.nodeName)
    const length = holderLength(holder)
    if (length > limit) return `text of ${holder.nodeName} longer than ${limit} characters (${length})`
  }
  return null
}
