import type { Node as PMNode } from '@tiptap/pm/model'
import { NodeSelection, type Selection } from '@tiptap/pm/state'

/** The top-level node at `pos` (any position inside it), with its start position. */
export function topLevelAt(doc: PMNode, pos: number): { pos: number; node: PMNode; index: number } | null {
  const clamped = Math.max(0, Math.min(pos, doc.content.size))
  const $pos = doc.resolve(clamped)
  if ($pos.depth === 0) {
    // between top-level nodes: the one that starts here
    const index = $pos.index(0)
    const node = doc.maybeChild(index)
    return node ? { pos: clamped, node, index } : null
  }
  return { pos: $pos.before(1), node: $pos.node(1), index: $pos.index(0) }
}

/** The top-level node that holds the selection: a selected block, or the one holding its start. */
export function topLevelOfSelection(doc: PMNode, selection: Selection) {
  if (selection instanceof NodeSelection && selection.$from.depth === 0) return topLevelAt(doc, selection.from)
  return topLevelAt(doc, selection.$from.pos)
}
