import type { Node as PMNode } from '@tiptap/pm/model'
import { TextSelection, type Transaction } from '@tiptap/pm/state'
import { topLevelOfSelection } from './topLevelBlock.js'

/**
 * Inserts a structured block right after the top-level node that holds the
 * selection (blocks live at the top level, never inside a list, a paragraph or
 * another block), or in place of the empty paragraph the caret sits in, and puts
 * the caret in its first field.
 */
export function insertBlock(tr: Transaction, block: PMNode): boolean {
  const top = topLevelOfSelection(tr.doc, tr.selection)
  let at: number
  if (tr.selection.empty && tr.selection.$from.depth === 0) {
    // a gap cursor between two blocks: the block goes in that gap
    at = tr.selection.from
    tr.insert(at, block)
  } else if (!top) {
    at = tr.doc.content.size
    tr.insert(at, block)
  } else if (top.node.type.name === 'paragraph' && top.node.content.size === 0) {
    at = top.pos
    tr.replaceWith(top.pos, top.pos + top.node.nodeSize, block)
  } else {
    at = top.pos + top.node.nodeSize
    tr.insert(at, block)
  }
  tr.setSelection(TextSelection.near(tr.doc.resolve(at + 2)))
  return true
}
