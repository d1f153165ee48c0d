import { NodeSelection, Selection, TextSelection, type Transaction } from '@tiptap/pm/state'
import { CONFIRMED_BLOCK_REMOVAL, isStructuredBlock } from './removedBlocks.js'
import { topLevelAt, topLevelOfSelection } from './topLevelBlock.js'

export type MoveDirection = 'up' | 'down'

/**
 * Swaps the structured block at `blockPos` (or the one holding the selection) with
 * its previous or next top-level neighbour, in one step that keeps the block's id,
 * and keeps the caret (or the block's selection) in the moved block.
 */
export function moveBlock(tr: Transaction, direction: MoveDirection, blockPos?: number): boolean {
  const block = blockPos === undefined ? topLevelOfSelection(tr.doc, tr.selection) : topLevelAt(tr.doc, blockPos)
  if (!block || !isStructuredBlock(block.node)) return false
  const neighbourIndex = direction === 'up' ? block.index - 1 : block.index + 1
  const neighbour = tr.doc.maybeChild(neighbourIndex)
  if (!neighbour) return false

  const from = direction === 'up' ? block.pos - neighbour.nodeSize : block.pos
  const to = from + block.node.nodeSize + neighbour.nodeSize
  const { selection } = tr
  const wasSelected = selection instanceof NodeSelection && selection.from === block.pos
  const inside = selection.from > block.pos && selection.to < block.pos + block.node.nodeSize
  const anchorOffset = selection.anchor - block.pos
  const headOffset = selection.head - block.pos

  // one replace of both nodes: the neighbour is written again in its new place, the block keeps its attributes
  tr.replaceWith(from, to, direction === 'up' ? [block.node, neighbour] : [neighbour, block.node])
  const newPos = direction === 'up' ? from : from + neighbour.nodeSize
  if (wasSelected) tr.setSelection(NodeSelection.create(tr.doc, newPos))
  else if (inside) tr.setSelection(TextSelection.create(tr.doc, newPos + anchorOffset, newPos + headOffset))
  else tr.setSelection(Selection.near(tr.doc.resolve(newPos + 1)))
  return true
}

/** Removes the top-level block at `blockPos`, marked as confirmed (the caller asked first). */
export function deleteBlock(tr: Transaction, blockPos: number): boolean {
  const block = topLevelAt(tr.doc, blockPos)
  if (!block || block.pos !== blockPos || !isStructuredBlock(block.node)) return false
  const paragraph = tr.doc.type.schema.nodes.paragraph!
  // the document needs at least one node: leave an empty paragraph if the block was alone
  if (tr.doc.childCount === 1) tr.replaceWith(block.pos, block.pos + block.node.nodeSize, paragraph.create())
  else tr.delete(block.pos, block.pos + block.node.nodeSize)
  tr.setSelection(Selection.near(tr.doc.resolve(Math.min(block.pos, tr.doc.content.size)), -1))
  tr.setMeta(CONFIRMED_BLOCK_REMOVAL, true)
  return true
}
