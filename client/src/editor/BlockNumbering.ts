import { numbererFor, type AmendedNumbers } from '@ctg/shared'
import { Extension } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'

interface NumberingState {
  /** an avenant's: the numbers of the text it amends, which it keeps */
  amended: AmendedNumbers | null
  decorations: DecorationSet
}

const blockNumberingKey = new PluginKey<NumberingState>('blockNumbering')

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
 * Numbers fiches (1, 2, 3 …) and their key actions (3.1, 3.2 …) in document order, or, in
 * an avenant, as the text it amends (a new key action after 3.11 is 3.12, as the export
 * numbers it). Numbers are never stored: they are node decorations, recomputed when the
 * document changes, which node views read in `update()` and which set `data-number` on
 * them. Each structured block also gets its `BlockPlace`.
 */
function numberingDecorations(doc: PMNode, amended: AmendedNumbers | null): DecorationSet {
  const numberer = numbererFor(amended)
  const decorations: Decoration[] = []
  const counts = new Map<string, number>()
  doc.forEach((block) => {
    if (BLOCKS.has(block.type.name)) counts.set(block.type.name, (counts.get(block.type.name) ?? 0) + 1)
  })
  const seen = new Map<string, number>()
  let lastHeading = 1
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
    const ficheId = String(block.attrs.id)
    const fiche = numberer.fiche(ficheId)
    const number = String(fiche)
    decorations.push(
      Decoration.node(blockOffset, blockOffset + block.nodeSize, { 'data-number': number }, { number, place }),
    )
    block.forEach((field, fieldOffset) => {
      if (field.type.name !== 'ficheKeyActions') return
      const fieldStart = blockOffset + 1 + fieldOffset + 1
      field.forEach((action, actionOffset) => {
        const from = fieldStart + actionOffset
        const keyNumber = numberer.keyAction(ficheId, fiche, String(action.attrs.id))
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
      new Plugin<NumberingState>({
        key: blockNumberingKey,
        state: {
          init: (_, state) => ({ amended: null, decorations: numberingDecorations(state.doc, null) }),
          apply: (tr, previous) => {
            const meta = tr.getMeta(blockNumberingKey) as { amended: AmendedNumbers | null } | undefined
            const amended = meta ? meta.amended : previous.amended
            if (!meta && !tr.docChanged) return previous
            return { amended, decorations: numberingDecorations(tr.doc, amended) }
          },
        },
        props: {
          decorations: (state) => blockNumberingKey.getState(state)?.decorations,
        },
      }),
    ]
  },
})

/** Numbers the editor's fiches and key actions as the text an avenant amends (null: document order). */
export function withAmendedNumbers(tr: Transaction, amended: AmendedNumbers | null): Transaction {
  return tr.setMeta(blockNumberingKey, { amended }).setMeta('addToHistory', false)
}

/** The number shown on the fiche or key action that starts at `pos` ("3", "3.12"), if any. */
export function numberAt(state: EditorState, pos: number): string | null {
  // an editor without the plugin (a bare state) numbers in document order
  const decorations = blockNumberingKey.getState(state)?.decorations ?? numberingDecorations(state.doc, null)
  const found = decorations.find(pos, pos + 1, (spec) => typeof (spec as { number?: unknown }).number === 'string')
  const at = found.find((decoration) => decoration.from === pos)
  return at ? (at.spec as { number: string }).number : null
}
