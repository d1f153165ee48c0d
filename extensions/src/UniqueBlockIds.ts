import { Extension } from '@tiptap/core'
import type { Fragment, Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state'
import { ReplaceAroundStep, ReplaceStep } from '@tiptap/pm/transform'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { conventionNodes, createId, idPrefixOf } from '@ctg/shared'

/** The node types that carry an `id` attribute: blocks and entries. */
export const ID_TYPES = new Set(
  Object.keys(conventionNodes).filter((name) => 'id' in conventionNodes[name as keyof typeof conventionNodes].attrs),
)

function holdsIdNode(fragment: Fragment): boolean {
  let found = false
  fragment.descendants((node) => {
    if (ID_TYPES.has(node.type.name)) found = true
    return !found
  })
  return found
}

/** How many nodes carry each id. */
function idCounts(doc: PMNode): Map<string, number> {
  const counts = new Map<string, number>()
  doc.descendants((node) => {
    const id = ID_TYPES.has(node.type.name) ? (node.attrs.id as string | null) : null
    if (id) counts.set(id, (counts.get(id) ?? 0) + 1)
  })
  return counts
}

/** The ranges of the final document that the steps of `transactions` wrote, mapped through the later steps. */
function writtenRanges(transactions: readonly Transaction[]): { from: number; to: number }[] {
  let ranges: { from: number; to: number }[] = []
  for (const tr of transactions) {
    for (const step of tr.steps) {
      const map = step.getMap()
      ranges = ranges.map(({ from, to }) => ({ from: map.map(from, -1), to: map.map(to, 1) }))
      map.forEach((_oldStart, _oldEnd, newStart, newEnd) => ranges.push({ from: newStart, to: newEnd }))
    }
  }
  return ranges
}

/**
 * Gives a fresh id to a block or entry that a local change wrote without one, or with an
 * id it made more frequent (a pasted or duplicated fiche). Only the nodes the local steps
 * wrote are looked at, and a move (the same ids, once each) changes nothing: an element
 * that exists in the shared document never has its id rewritten by a client (the server
 * refuses that, comment threads are anchored to ids), even when other people's crossing
 * moves left duplicates, which the server's `repairBlockIds` resolves once for everyone.
 */
export function uniqueBlockIdsPlugin(): Plugin {
  return new Plugin({
    key: new PluginKey('uniqueBlockIds'),
    appendTransaction: (transactions, oldState, state) => {
      const local = transactions.filter((tr) => tr.docChanged && !tr.getMeta(ySyncPluginKey))
      const relevant = local.some((tr) =>
        tr.steps.some(
          (step) =>
            (step instanceof ReplaceStep || step instanceof ReplaceAroundStep) && holdsIdNode(step.slice.content),
        ),
      )
      if (!relevant || local.length !== transactions.length) return null
      const ranges = writtenRanges(transactions)
      const before = idCounts(oldState.doc)
      const after = idCounts(state.doc)
      const fixes: { pos: number; node: PMNode }[] = []
      const fixed = new Map<string, number>()
      state.doc.descendants((node, pos) => {
        if (!ID_TYPES.has(node.type.name)) return true
        if (!ranges.some(({ from, to }) => pos >= from && pos < to)) return true
        const id = node.attrs.id as string | null
        // one fresh id for each copy this change added beyond what the document had
        const extra = id ? (after.get(id) ?? 0) - (before.get(id) ?? 0) - (fixed.get(id) ?? 0) : 1
        if (!id || (extra > 0 && (after.get(id) ?? 0) > 1)) {
          fixes.push({ pos, node })
          if (id) fixed.set(id, (fixed.get(id) ?? 0) + 1)
        }
        return true
      })
      if (fixes.length === 0) return null
      const tr = state.tr
      for (const { pos, node } of fixes) tr.setNodeAttribute(pos, 'id', createId(idPrefixOf(node.type.name)))
      return tr.setMeta('addToHistory', false)
    },
  })
}

export const UniqueBlockIds = Extension.create({
  name: 'uniqueBlockIds',
  addProseMirrorPlugins: () => [uniqueBlockIdsPlugin()],
})
