import type { Node as PMNode } from '@tiptap/pm/model'
import type { Transaction } from '@tiptap/pm/state'

/** The node at `pos`, if it has the expected type. */
export function nodeAtOfType(tr: Transaction, pos: number, type: string): PMNode | null {
  const node = tr.doc.nodeAt(pos)
  return node && node.type.name === type ? node : null
}

/** Position of the first child of the given type inside the node at `parentPos`, or -1. */
export function childPosition(tr: Transaction, parentPos: number, childType: string): number {
  const parent = tr.doc.nodeAt(parentPos)
  let found = -1
  parent?.forEach((child, offset) => {
    if (found === -1 && child.type.name === childType) found = parentPos + 1 + offset
  })
  return found
}

/** Positions of every child of the given type inside the node at `parentPos`, in order. */
export function childPositions(tr: Transaction, parentPos: number, childType: string): number[] {
  const parent = tr.doc.nodeAt(parentPos)
  const out: number[] = []
  parent?.forEach((child, offset) => {
    if (child.type.name === childType) out.push(parentPos + 1 + offset)
  })
  return out
}

/** Positions of every node of a type in the document, in document order. */
export function positionsOfType(doc: PMNode, type: string): number[] {
  const out: number[] = []
  doc.descendants((node, pos) => {
    if (node.type.name === type) out.push(pos)
    return true
  })
  return out
}
