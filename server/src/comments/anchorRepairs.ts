import { COMMENT_MARK_NAME } from '@ctg/shared'
import * as Y from 'yjs'
import { insertedItems } from '../conventions/insertedItems.js'
import { isCommentKey } from './commentFormat.js'

/** Characters of a text whose comment formatting must go back to what it was. */
export interface AnchorRepair {
  text: Y.XmlText
  index: number
  length: number
  /** the format attributes to set: each comment key to its earlier value (null: none) */
  attributes: Record<string, unknown>
}

const valueKey = (attributes: Map<string, unknown>) =>
  JSON.stringify([...attributes].sort(([a], [b]) => a.localeCompare(b)))

/**
 * Whether a transaction may have changed the marks of characters it did not insert: only
 * formatting items do that, inserted or deleted. Typing (new characters, nothing deleted)
 * never does, and is most transactions: the walk of the text below is skipped for it.
 */
function mayChangeMarks(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true
  for (const item of insertedItems(transaction)) if (item.content instanceof Y.ContentFormat) return true
  return false
}

/**
 * The comment marks a transaction added, removed or changed on characters that were
 * there before it and remain after it, with what undoes each change. Characters the
 * transaction inserted may carry a mark (typing inside a passage, a paste), and
 * characters it deleted take their mark with them (the thread detaches).
 *
 * y-prosemirror rewrites a whole text's formatting after a simple string diff, so an
 * honest editor typing, right next to a passage, the same letter as the passage's edge
 * can move the mark by one character; repairing (rather than refusing the update)
 * keeps that editor connected and the passage whole.
 */
export function anchorRepairs(transaction: Y.Transaction): AnchorRepair[] {
  const repairs: AnchorRepair[] = []
  if (!mayChangeMarks(transaction)) return repairs
  const existedBefore = (item: Y.Item) => item.id.clock < (transaction.beforeState.get(item.id.client) ?? 0)
  for (const type of transaction.changed.keys()) {
    if (!(type instanceof Y.XmlText) || type._item?.deleted) continue
    const before = new Map<string, unknown>()
    const after = new Map<string, unknown>()
    let index = 0
    for (let item = type._start; item; item = item.right) {
      const liveBefore = existedBefore(item) && (!item.deleted || Y.isDeleted(transaction.deleteSet, item.id))
      const liveAfter = !item.deleted
      const content = item.content
      if (content instanceof Y.ContentFormat) {
        if (!isCommentKey(content.key)) continue
        for (const [live, attributes] of [
          [liveBefore, before],
          [liveAfter, after],
        ] as const) {
          if (!live) continue
          if (content.value === null) attributes.delete(content.key)
          else attributes.set(content.key, content.value)
        }
      } else if (content instanceof Y.ContentString) {
        if (liveBefore && liveAfter && valueKey(before) !== valueKey(after)) {
          const attributes: Record<string, unknown> = { [COMMENT_MARK_NAME]: null }
          for (const key of after.keys()) attributes[key] = null
          for (const [key, value] of before) attributes[key] = value
          const previous = repairs.at(-1)
          if (
            previous?.text === type &&
            previous.index + previous.length === index &&
            JSON.stringify(previous.attributes) === JSON.stringify(attributes)
          ) {
            previous.length += content.str.length
          } else repairs.push({ text: type, index, length: content.str.length, attributes })
        }
        if (liveAfter) index += content.str.length
      } else if (liveAfter && item.countable) index += item.length
    }
  }
  return repairs
}

/** Applies the repairs (inside the caller's transaction). */
export function applyAnchorRepairs(repairs: AnchorRepair[]): void {
  for (const { text, index, length, attributes } of repairs) text.format(index, length, attributes)
}
