import { exportedTextLength, textHolderIndex, textLimitOf, type TextTreeReader } from '@ctg/shared'
import * as Y from 'yjs'

/** The node that holds one text of the export (see `textHolderIndex`): a field, a list item, or a top-level node. */
function textHolderOf(text: Y.XmlText): Y.XmlElement | null {
  const ancestors: Y.XmlElement[] = []
  for (let node: unknown = text.parent; node instanceof Y.XmlElement; node = node.parent) ancestors.push(node)
  if (ancestors.length === 0) return null
  return ancestors[textHolderIndex(ancestors.map((a) => a.nodeName))]!
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

const elementsOf = (element: Y.XmlElement) =>
  element.toArray().filter((c): c is Y.XmlElement => c instanceof Y.XmlElement && c.nodeName !== 'hardBreak')

/** The Y.Doc read as the export reads it, for `exportedTextLength`. */
const Y_TREE: TextTreeReader<Y.XmlElement> = {
  name: (element) => element.nodeName,
  children: elementsOf,
  isInline: (element) =>
    element.toArray().some((c) => c instanceof Y.XmlText) ||
    element.toArray().every((c) => !(c instanceof Y.XmlElement) || c.nodeName === 'hardBreak'),
  inlineLength,
}

/**
 * The first text, among those an update typed into, that is now longer than the rules
 * allow (`textLimitOf`), or null. The check runs on the replica once the update is
 * applied, so that two people each typing under the limit into the same cell cannot
 * together pass it: the second update to reach the server is refused. A field of
 * paragraphs counts the text of its lists too.
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
    const length = exportedTextLength(holder, Y_TREE)
    if (length > limit) return `text of ${holder.nodeName} longer than ${limit} characters (${length})`
  }
  return null
}
