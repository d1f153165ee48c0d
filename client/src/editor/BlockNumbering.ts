import { Extension } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'

export const blockNumberingKey = new PluginKey<DecorationSet>('blockNumbering')

/**
 * Numbers fiches (1, 2, 3 …) and their key actions (3.1, 3.2 …) in document order.
 * Numbers are never stored: they are node decorations, recomputed when the document
 * changes, which node views read in `update()` and which set `data-number` on them.
 */
export function numberingDecorations(doc: PMNode): DecorationSet {
  const decorations: Decoration[] = []
  let fiche = 0
  // fiches are top-level blocks only (the ctgBlock group is allowed in the document alone)
  doc.forEach((block, blockOffset) => {
    if (block.type.name !== 'ficheAction') return
    fiche += 1
    const number = String(fiche)
    decorations.push(Decoration.node(blockOffset, blockOffset + block.nodeSize, { 'data-number': number }, { number }))
    block.forEach((field, fieldOffset) => {
      if (field.type.name !== 'ficheKeyActions') return
      const fieldStart = blockOffset + 1 + fieldOffset + 1
      let key = 0
      field.forEach((action, actionOffset) => {
        key += 1
        const from = fieldStart + actionOffset
        const keyNumber = `${number}.${key}`
        decorations.push(
          Decoration.node(from, from + action.nodeSize, { 'data-number': keyNumber }, { number: keyNumber }),
        )
      })
    })
  })
  return DecorationSet.create(doc, decorations)
}

export const BlockNumbering = Extension.create({
  name: 'blockNumbering',

  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: blockNumberingKey,
        state: {
          init: (_, state) => numberingDecorations(state.doc),
          apply: (tr, previous) => (tr.docChanged ? numberingDecorations(tr.doc) : previous),
        },
        props: {
          decorations: (state) => blockNumberingKey.getState(state),
        },
      }),
    ]
  },
})
