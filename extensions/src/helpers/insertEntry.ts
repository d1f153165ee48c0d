import type { Node as PMNode } from '@tiptap/pm/model'
import type { Transaction } from '@tiptap/pm/state'

/**
 * Inserts `entry` as the `index`-th child of the container at `containerPos`
 * (at the end when index is omitted). Returns false when the schema refuses it.
 */
export function insertEntry(tr: Transaction, containerPos: number, entry: PMNode, index?: number): boolean {
  const container = tr.doc.nodeAt(containerPos)
  if (!container) return false
  const at = Math.max(0, Math.min(index ?? container.childCount, container.childCount))
  if (!container.canReplaceWith(at, at, entry.type)) return false
  let offset = 0
  for (let i = 0; i < at; i++) offset += container.child(i).nodeSize
  tr.insert(containerPos + 1 + offset, entry)
  return true
}

/** Removes the entry (key action, row, signatory, list item) at `pos` if its container allows it. */
export function removeEntry(tr: Transaction, pos: number): boolean {
  const node = tr.doc.nodeAt(pos)
  if (!node) return false
  const $pos = tr.doc.resolve(pos)
  const parent = $pos.parent
  const index = $pos.index()
  if (!parent.canReplace(index, index + 1)) return false
  tr.delete(pos, pos + node.nodeSize)
  return true
}
