import type { Node as PMNode } from '@tiptap/pm/model'
import { TextSelection, type Transaction } from '@tiptap/pm/state'

/**
 * Inserts a structured block after the top-level node that holds the selection
 * (blocks live at the top level, never inside a list or another block), and puts
 * the caret in its first field.
 */
export function insertBlock(tr: Transaction, block: PMNode): boolean {
  const { $from } = tr.selection
  const at = $from.depth === 0 ? $from.pos : $from.after(1)
  // replace an empty paragraph the caret sits in rather than leaving it behind
  const top = $from.depth >= 1 ? $from.node(1) : null
  if (top && top.type.name === 'paragraph' && top.content.size === 0) {
    tr.replaceWith($from.before(1), $from.after(1), block)
    tr.setSelection(TextSelection.near(tr.doc.resolve($from.before(1) + 2)))
  } else {
    tr.insert(at, block)
    tr.setSelection(TextSelection.near(tr.doc.resolve(at + 2)))
  }
  return true
}
