import { Extension } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'

export const blockNumberingKey = new PluginKey<DecorationSet>('blockNumbering')

/** Top-level structured blocks, whose views need their place in the document. */
const BLOCKS = new Set(['ficheAction', 'indicatorTable', 'signatoryBlock'])

/**
 * Where a structured block stands, for the names and headings its view gives it: the
 * heading level that follows the document's last heading before it (the page's title is
 * the level 1), and its rank among the blocks of its kind, so that two signatory blocks
 * get two different landmark names.
 */
export interface BlockPlace {
  headingLevel: number
  ordinal: number
  ofKind: number
}

/**
 * Numbers fiches (1, 2, 3 …) and their key actions (3.1, 3.2 …) in document order.
 * Numbers are never stored: they are node decorations, recomputed when the document
 * changes, which node views read in `update()` and which set `data-number` on them.
 * Each structured block also gets its `BlockPlace`.
 */
export function numberingDecorations(doc: PMNode): DecorationSet {
  const decorations: Decoration[] = []
  const counts = new Map<string, number>()
  doc.forEach((block) => {
    if (BLOCKS.has(block.type.name)) counts.set(block.type.name, (counts.get(block.type.name) ?? 0) + 1)
  })
  const seen = new Map<string, number>()
  let lastHeading = 1
  let fiche = 0
  // fiches are top-level blocks only (the ctgBlock group is allowed in the document alone)
  doc.forEach((block, blockOffset) => {
    const kind = block.type.name
    if (kind === 'heading') lastHeading = block.attrs.level as number
    if (!BLOCKS.has(kind)) return
    seen.set(kind, (seen.get(kind) ?? 0) + 1)
    const place: BlockPlace = {
      headingLevel: Math.min(lastHeading + 1, 6),
      ordinal: seen.get(kind)!,
      ofKind: counts.get(kind)!,
    }
    if (kind !== 'ficheAction') {
      decorations.push(Decoration.node(blockOffset, blockOffset + block.nodeSize, {}, { place }))
      return
    }
    fiche += 1
    const number = String(fiche)
    decorations.push(
      Decoration.node(blockOffset, blockOffset + block.nodeSize, { 'data-number': number }, { number, place }),
    )
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
