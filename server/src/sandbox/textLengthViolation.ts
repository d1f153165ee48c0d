import { exportedTextLength, textHolderIndex, textLimitOf, type TextTreeReader } from '@ctg/shared'
import * as Y from 'yjs'

/** Each text's holder, once found: a Yjs type never moves and an element never changes its name. */
const holders = new WeakMap<Y.XmlText, Y.XmlElement | null>()

/** The node that holds one text of the export (see `textHolderIndex`): a field, a list item, or a top-level node. */
export function textHolderOf(text: Y.XmlText): Y.XmlElement | null {
  const known = holders.get(text)
  if (known !== undefined) return known
  const ancestors: Y.XmlElement[] = []
  for (let node: unknown = text.parent; node instanceof Y.XmlElement; node = node.parent) ancestors.push(node)
  const holder = ancestors.length === 0 ? null : ancestors[textHolderIndex(ancestors.map((a) => a.nodeName))]!
  // a text not in a document yet has no parents to read
  if (text.doc) holders.set(text, holder)
  return holder
}

/** Thrown by a bounded reader that looked at more children than it was allowed. */
export class ReadBudgetExceeded extends Error {}

/**
 * The Y.Doc read as the export reads it, for `exportedTextLength`. With a budget, reading
 * more than that many children in all throws `ReadBudgetExceeded` (the main thread's check
 * of an update may not walk a field of any size, see `acceptsInline`). A class rather than
 * closures: it is made on every keystroke checked inline.
 */
class YTreeReader implements TextTreeReader<Y.XmlElement> {
  constructor(private left = Infinity) {}

  name(element: Y.XmlElement): string {
    return element.nodeName
  }

  children(element: Y.XmlElement): Y.XmlElement[] {
    return this.childrenOf(element).filter(
      (c): c is Y.XmlElement => c instanceof Y.XmlElement && c.nodeName !== 'hardBreak',
    )
  }

  isInline(element: Y.XmlElement): boolean {
    const children = this.childrenOf(element)
    return (
      children.some((c) => c instanceof Y.XmlText) ||
      children.every((c) => !(c instanceof Y.XmlElement) || c.nodeName === 'hardBreak')
    )
  }

  /** The characters of an inline container; a hard break counts one. */
  inlineLength(element: Y.XmlElement): number {
    let length = 0
    for (const child of this.childrenOf(element)) {
      if (child instanceof Y.XmlText) length += child.length
      else if (child instanceof Y.XmlElement) length += child.nodeName === 'hardBreak' ? 1 : this.inlineLength(child)
    }
    return length
  }

  /** Y.XmlElement.toArray, counting deleted children too: they are walked as well (gc: false). */
  private childrenOf(element: Y.XmlElement): (Y.XmlElement | Y.XmlText)[] {
    const children: (Y.XmlElement | Y.XmlText)[] = []
    for (let item = element._start; item; item = item.right) {
      if (--this.left < 0) throw new ReadBudgetExceeded()
      if (item.countable && !item.deleted) children.push(...(item.content.getContent() as (Y.XmlElement | Y.XmlText)[]))
    }
    return children
  }
}

/** The length of a holder's text as the export writes it, reading at most `budget` children. */
export function holderTextLength(holder: Y.XmlElement, budget?: number): number {
  return exportedTextLength(holder, new YTreeReader(budget))
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
    const length = holderTextLength(holder)
    if (length > limit) return `text of ${holder.nodeName} longer than ${limit} characters (${length})`
  }
  return null
}
