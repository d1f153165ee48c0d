import {
  addIndicatorRow,
  addKeyAction,
  addSignatory,
  CONFIRMED_BLOCK_REMOVAL,
  deleteBlock,
  insertFicheAction,
  moveBlock,
  positionsOfType,
  removeEntry,
} from '@ctg/extensions'
import { conventionNodes } from '@ctg/shared'
import type { Editor } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import type { Transaction } from '@tiptap/pm/state'
import * as prng from 'lib0/prng'

/** A random edit a person could make in the editor; returns false when it found nothing to do. */
type Edit = (editor: Editor, gen: prng.PRNG) => boolean

const WORDS = ['relais', 'Caf', 'famille', ' ', 'é', 'accueil', '2026', '—', 'x']

const isParagraphsField = (node: PMNode) =>
  (conventionNodes as Record<string, { fill?: string }>)[node.type.name]?.fill !== undefined

/** Positions (before the node) of every node that matches. */
function positions(doc: PMNode, test: (node: PMNode) => boolean): number[] {
  const out: number[] = []
  doc.descendants((node, pos) => {
    if (test(node)) out.push(pos)
  })
  return out
}

const pick = <T>(gen: prng.PRNG, items: readonly T[]): T | undefined =>
  items.length ? items[prng.int32(gen, 0, items.length - 1)] : undefined

/** Applies `change` to a transaction of the editor and dispatches it, as a key or a command would. */
function dispatch(editor: Editor, change: (tr: Transaction) => boolean | void): boolean {
  const tr = editor.state.tr
  if (change(tr) === false || !tr.docChanged) return false
  editor.view.dispatch(tr)
  return true
}

/** A paragraph inside a paragraphs field of a block (objectif, résultats attendus …). */
const fieldParagraphs = (doc: PMNode) =>
  positions(doc, (node) => isParagraphsField(node)).flatMap((fieldPos) => {
    const field = doc.nodeAt(fieldPos)!
    const out: { pos: number; index: number; field: PMNode; fieldPos: number }[] = []
    let pos = fieldPos + 1
    field.forEach((child, _offset, index) => {
      out.push({ pos, index, field, fieldPos })
      pos += child.nodeSize
    })
    return out
  })

const type: Edit = (editor, gen) => {
  const at = pick(
    gen,
    positions(editor.state.doc, (node) => node.isTextblock),
  )
  if (at === undefined) return false
  const node = editor.state.doc.nodeAt(at)!
  const offset = prng.int32(gen, 0, node.content.size)
  return dispatch(editor, (tr) => void tr.insertText(pick(gen, WORDS)!, at + 1 + offset))
}

const deleteText: Edit = (editor, gen) => {
  const at = pick(
    gen,
    positions(editor.state.doc, (node) => node.isTextblock && node.content.size > 0),
  )
  if (at === undefined) return false
  const size = editor.state.doc.nodeAt(at)!.content.size
  const from = prng.int32(gen, 0, size - 1)
  const to = prng.int32(gen, from + 1, Math.min(size, from + 8))
  return dispatch(editor, (tr) => void tr.delete(at + 1 + from, at + 1 + to))
}

/** Enter inside a paragraph of a field: two paragraphs. */
const split: Edit = (editor, gen) => {
  const paragraph = pick(gen, fieldParagraphs(editor.state.doc))
  if (!paragraph) return false
  const size = editor.state.doc.nodeAt(paragraph.pos)!.content.size
  return dispatch(editor, (tr) => void tr.split(paragraph.pos + 1 + prng.int32(gen, 0, size)))
}

/** Backspace at the start of a paragraph that follows another in its field: one paragraph. */
const join: Edit = (editor, gen) => {
  const paragraph = pick(
    gen,
    fieldParagraphs(editor.state.doc).filter((p) => p.index > 0),
  )
  if (!paragraph) return false
  return dispatch(editor, (tr) => void tr.join(paragraph.pos))
}

/**
 * Selecting a whole paragraph of a field that has several and deleting it: what two people
 * do at once to the last two paragraphs of a field (the fiche-loss case).
 */
const deleteParagraph: Edit = (editor, gen) => {
  const paragraph = pick(
    gen,
    fieldParagraphs(editor.state.doc).filter((p) => p.field.childCount > 1),
  )
  if (!paragraph) return false
  const size = editor.state.doc.nodeAt(paragraph.pos)!.nodeSize
  return dispatch(editor, (tr) => void tr.delete(paragraph.pos, paragraph.pos + size))
}

const undo: Edit = (editor) => editor.commands.undo()

const move: Edit = (editor, gen) => {
  const block = pick(
    gen,
    positions(editor.state.doc, (node) => node.type.spec.group === 'ctgBlock'),
  )
  if (block === undefined) return false
  return dispatch(editor, (tr) => moveBlock(tr, prng.bool(gen) ? 'up' : 'down', block))
}

const ENTRY_CONTAINERS = ['ficheAction', 'indicatorTable', 'signatoryBlock'] as const

const addEntry: Edit = (editor, gen) => {
  const kind = pick(gen, ENTRY_CONTAINERS)!
  const at = pick(gen, positionsOfType(editor.state.doc, kind))
  if (at === undefined) return false
  const schema = editor.schema
  return dispatch(editor, (tr) =>
    kind === 'ficheAction'
      ? addKeyAction(tr, schema, at, 0)
      : kind === 'indicatorTable'
        ? addIndicatorRow(tr, schema, at)
        : addSignatory(tr, schema, at),
  )
}

const removeAnEntry: Edit = (editor, gen) => {
  const kind = pick(gen, ['keyAction', 'indicatorRow', 'signatory'])!
  const at = pick(gen, positionsOfType(editor.state.doc, kind))
  if (at === undefined) return false
  return dispatch(editor, (tr) => removeEntry(tr, at))
}

const removeBlock: Edit = (editor, gen) => {
  const at = pick(
    gen,
    positions(editor.state.doc, (node) => node.type.spec.group === 'ctgBlock'),
  )
  if (at === undefined) return false
  return dispatch(editor, (tr) => deleteBlock(tr, at) && !!tr.setMeta(CONFIRMED_BLOCK_REMOVAL, true))
}

const addFiche: Edit = (editor) =>
  dispatch(editor, (tr) => insertFicheAction(tr, editor.schema, { start: 2026, end: 2027 }))

/** Each edit with its weight: mostly typing and paragraph work, blocks and entries now and then. */
export const EDITS: readonly { name: string; weight: number; edit: Edit }[] = [
  { name: 'type', weight: 8, edit: type },
  { name: 'deleteText', weight: 4, edit: deleteText },
  { name: 'split', weight: 4, edit: split },
  { name: 'join', weight: 3, edit: join },
  { name: 'deleteParagraph', weight: 5, edit: deleteParagraph },
  { name: 'undo', weight: 2, edit: undo },
  { name: 'move', weight: 2, edit: move },
  { name: 'addEntry', weight: 2, edit: addEntry },
  { name: 'removeEntry', weight: 1, edit: removeAnEntry },
  { name: 'removeBlock', weight: 0.2, edit: removeBlock },
  { name: 'addFiche', weight: 0.3, edit: addFiche },
]

/** A random edit by weight. */
export function pickEdit(gen: prng.PRNG): { name: string; edit: Edit } {
  const total = EDITS.reduce((sum, e) => sum + e.weight, 0)
  let roll = prng.real53(gen) * total
  for (const entry of EDITS) {
    roll -= entry.weight
    if (roll < 0) return entry
  }
  return EDITS[0]!
}
