import { Extension } from '@tiptap/core'
import type { Fragment, Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey } from '@tiptap/pm/state'
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

/**
 * Gives a fresh id to a block or entry that arrives without one or with an id
 * already used (a pasted or duplicated fiche). Only local changes are checked:
 * each client fixes what it pasted, so two clients never rewrite the same node.
 */
export function uniqueBlockIdsPlugin(): Plugin {
  return new Plugin({
    key: new PluginKey('uniqueBlockIds'),
    appendTransaction: (transactions, _old, state) => {
      const relevant = transactions.some(
        (tr) =>
          tr.docChanged &&
          !tr.getMeta(ySyncPluginKey) &&
          tr.steps.some(
            (step) =>
              (step instanceof ReplaceStep || step instanceof ReplaceAroundStep) && holdsIdNode(step.slice.content),
          ),
      )
      if (!relevant) return null
      const seen = new Set<string>()
      const fixes: { pos: number; node: PMNode }[] = []
      state.doc.descendants((node, pos) => {
        if (!ID_TYPES.has(node.type.name)) return true
        const id = node.attrs.id as string | null
        if (!id || seen.has(id)) fixes.push({ pos, node })
        else seen.add(id)
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
