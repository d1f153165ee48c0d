import type { Node as PMNode } from '@tiptap/pm/model'
import { updateYFragment, type ProsemirrorBinding } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { ID_TYPES } from '../UniqueBlockIds.js'

type YChild = Y.XmlElement | Y.XmlText | Y.XmlHook

/** The block or entry id a Y child stands for, or null. */
const yIdOf = (child: YChild): string | null =>
  child instanceof Y.XmlElement && ID_TYPES.has(child.nodeName) ? ((child.getAttribute('id') as string) ?? null) : null

const pIdOf = (node: PMNode): string | null =>
  ID_TYPES.has(node.type.name) ? ((node.attrs.id as string | null) ?? null) : null

/**
 * The pairs (index in `ys`, index in `ps`) of a longest common subsequence of two id
 * lists; where several exist, the one that keeps the larger elements (`weight`), so that
 * the smaller side of a swap is the one written again.
 */
function commonSubsequence(ys: string[], ps: string[], weight: (yIndex: number) => number): [number, number][] {
  const best: number[][] = Array.from({ length: ys.length + 1 }, () => new Array<number>(ps.length + 1).fill(0))
  for (let i = ys.length - 1; i >= 0; i--)
    for (let j = ps.length - 1; j >= 0; j--)
      best[i]![j] =
        ys[i] === ps[j]
          ? Math.max(best[i + 1]![j + 1]! + weight(i), best[i + 1]![j]!, best[i]![j + 1]!)
          : Math.max(best[i + 1]![j]!, best[i]![j + 1]!)
  const pairs: [number, number][] = []
  let i = 0
  let j = 0
  while (i < ys.length && j < ps.length) {
    if (ys[i] === ps[j] && best[i]![j] === best[i + 1]![j + 1]! + weight(i)) pairs.push([i++, j++])
    else if (best[i]![j] === best[i + 1]![j]) i++
    else j++
  }
  return pairs
}

/**
 * Makes the children of `yParent` that carry a block or entry id follow the ids of
 * `pNode`'s children, before y-prosemirror's diff runs, and does the same inside every
 * kept pair. y-prosemirror matches children by position and type only: after a move
 * past a block of the same type it rewrites both elements in place (attributes, fields,
 * text), and two people doing so at once merge two rewrites of the same elements into a
 * block holding a mix of both, or one block's content nowhere. Here an element keeps the
 * identity of its block for its whole life: a child whose id is no longer where the
 * document has it is deleted, and the document's block is written as a new element (what
 * Yjs can do for a move: it has no move of an element). Concurrent moves of one block
 * then leave two copies with the same id (the server keeps one, `repairBlockIds`), and
 * what someone else typed meanwhile inside the element written again is lost with it.
 */
export function alignByBlockId(binding: ProsemirrorBinding, yParent: Y.XmlFragment, pNode: PMNode): void {
  // a node the binding mapped to this element last time is unchanged since
  if (binding.mapping.get(yParent as Y.XmlElement) === pNode) return
  const yKids = yParent.toArray() as YChild[]
  const pKids: PMNode[] = []
  pNode.forEach((child) => pKids.push(child))
  const yKeyed = yKids.flatMap((child, index) => (yIdOf(child) ? [index] : []))
  const pKeyed = pKids.flatMap((child, index) => (pIdOf(child) ? [index] : []))
  const yIds = yKeyed.map((index) => yIdOf(yKids[index]!)!)
  const pIds = pKeyed.map((index) => pIdOf(pKids[index]!)!)

  const pairs = new Map<number, YChild>()
  const same = yIds.length === pIds.length && yIds.every((id, i) => id === pIds[i])
  if (same) pKeyed.forEach((pIndex, i) => pairs.set(pIndex, yKids[yKeyed[i]!]!))
  else {
    const weight = (i: number) => 1 + (yKids[yKeyed[i]!]! as Y.XmlElement).length / 1_000_000
    const kept = commonSubsequence(yIds, pIds, weight)
    // y-prosemirror's diff, finding this element equal to its node, would map the element's
    // parent to the node but keep this element mapped to its old node (which lacks the change)
    binding.mapping.delete(yParent as Y.XmlElement)
    const keptY = new Set(kept.map(([i]) => yKeyed[i]!))
    kept.forEach(([i, j]) => pairs.set(pKeyed[j]!, yKids[yKeyed[i]!]!))
    // delete from the end, so that earlier indexes stay valid
    for (let k = yKeyed.length - 1; k >= 0; k--) {
      const index = yKeyed[k]!
      if (keptY.has(index)) continue
      binding.mapping.delete(yKids[index] as Y.XmlElement)
      yParent.delete(index, 1)
    }
    // each new block goes right after the element of the previous block of the document
    let previous: YChild | null = null
    for (const pIndex of pKeyed) {
      const existing = pairs.get(pIndex)
      if (existing) {
        previous = existing
        continue
      }
      const siblings = yParent.toArray() as YChild[]
      const at = previous ? siblings.indexOf(previous) + 1 : firstIndexFor(siblings, pairs, pKeyed, pIndex)
      const element = new Y.XmlElement(pKids[pIndex]!.type.name)
      yParent.insert(at, [element])
      updateYFragment(binding.doc, element, pKids[pIndex]!, binding)
      pairs.set(pIndex, element)
      previous = element
    }
  }
  for (const [pIndex, yChild] of pairs)
    if (yChild instanceof Y.XmlElement && yChild.nodeName === pKids[pIndex]!.type.name)
      alignByBlockId(binding, yChild, pKids[pIndex]!)
  // fields and other unkeyed elements: followed where their name is unique on both sides
  const unique = <T>(items: T[], name: (item: T) => string | null) => {
    const byName = new Map<string, T | null>()
    for (const item of items) {
      const key = name(item)
      if (key) byName.set(key, byName.has(key) ? null : item)
    }
    return byName
  }
  const yFields = unique(yParent.toArray() as YChild[], (c) =>
    c instanceof Y.XmlElement && !yIdOf(c) ? c.nodeName : null,
  )
  const pFields = unique(pKids, (c) => (!pIdOf(c) && !c.isTextblock && !c.isLeaf ? c.type.name : null))
  for (const [name, pField] of pFields) {
    const yField = yFields.get(name)
    if (pField && yField instanceof Y.XmlElement) alignByBlockId(binding, yField, pField)
  }
}

/** Where a block with no earlier kept neighbour goes: before the next kept one, or at its place in the document. */
function firstIndexFor(siblings: YChild[], pairs: Map<number, YChild>, pKeyed: number[], pIndex: number): number {
  for (const next of pKeyed) {
    if (next <= pIndex) continue
    const kept = pairs.get(next)
    if (kept) return siblings.indexOf(kept)
  }
  return Math.min(pIndex, siblings.length)
}
