import { Fragment, type Node as PMNode, type NodeType } from '@tiptap/pm/model'

export interface Insertion {
  /** index among the existing children before which `nodes` go */
  index: number
  nodes: Fragment
}

/**
 * The empty nodes to insert among `children` so that a node of `type` holds valid
 * content, every existing child kept in its place: a fiche action without its
 * objective gets an empty one between its theme and its key actions. Uses the content
 * expression (`ContentMatch.fillBefore`, whose nodes come from `createAndFill`).
 * Returns [] when the content is already valid, null when insertions cannot make it so
 * (a child out of order or out of place), since nothing is ever removed here.
 */
export function planMissingChildren(type: NodeType, children: readonly PMNode[]): Insertion[] | null {
  const insertions: Insertion[] = []
  let match = type.contentMatch
  for (const [index, child] of children.entries()) {
    const next = match.matchType(child.type)
    if (next) {
      match = next
      continue
    }
    const fill = match.fillBefore(Fragment.from(child))
    const after = fill && match.matchFragment(fill)?.matchType(child.type)
    if (!fill || !after) return null
    insertions.push({ index, nodes: fill })
    match = after
  }
  const end = match.fillBefore(Fragment.empty, true)
  if (!end) return null
  if (end.childCount > 0) insertions.push({ index: children.length, nodes: end })
  return insertions
}
