import {
  editorSchema as pmSchema,
  deleteBlock,
  insertBlock,
  isNonEmptyBlock,
  moveBlock,
  positionsOfType,
  removedNonEmptyBlocks,
  topLevelBlocks,
  uniqueBlockIdsPlugin,
  CONFIRMED_BLOCK_REMOVAL,
} from '@ctg/extensions'
import {
  conventionToEditorJson,
  emptyFicheAction,
  emptyIndicatorTable,
  emptySignatory,
  emptySignatoryBlock,
  importFicheAction,
  importIndicatorTable,
  importSignatoryBlock,
} from '@ctg/shared'
import { AllSelection, EditorState, NodeSelection, TextSelection } from '@tiptap/pm/state'
import { GapCursor } from '@tiptap/pm/gapcursor'
import { describe, expect, it } from 'vitest'
import { smallConvention } from '../fixtures/conventionFixtures.js'

const doc = pmSchema.nodeFromJSON(conventionToEditorJson(smallConvention()).doc)
const stateOf = (d = doc) => EditorState.create({ schema: pmSchema, doc: d, plugins: [uniqueBlockIdsPlugin()] })
const order = (d: typeof doc) => topLevelBlocks(d).map((b) => b.key)
const keysOf = (refs: { key: string }[]) => refs.map((r) => r.key)
const emptyFiche = () => pmSchema.nodeFromJSON(importFicheAction(emptyFicheAction({ start: 2026, end: 2030 })))

describe('which non-empty blocks a change removes', () => {
  it('a fiche, a table or a signatory block deleted from the document', () => {
    const state = stateOf()
    for (const type of ['ficheAction', 'indicatorTable', 'signatoryBlock']) {
      const pos = positionsOfType(doc, type)[0]!
      const node = doc.nodeAt(pos)!
      const tr = state.tr.delete(pos, pos + node.nodeSize)
      expect(keysOf(removedNonEmptyBlocks(doc, tr.doc))).toEqual([node.attrs.id])
    }
  })

  it('everything selected (Ctrl+A of old) and replaced by one letter removes every block', () => {
    const state = stateOf()
    const tr = state.tr.setSelection(new AllSelection(doc)).insertText('x')
    expect(keysOf(removedNonEmptyBlocks(doc, tr.doc))).toEqual(order(doc))
  })

  it('typing in a field, or across two fields of one block, removes nothing', () => {
    const state = stateOf()
    const title = positionsOfType(doc, 'ficheTitle')[0]!
    const objective = positionsOfType(doc, 'ficheObjective')[0]!
    expect(removedNonEmptyBlocks(doc, state.tr.insertText('abc', title + 1).doc)).toEqual([])
    const across = state.tr.setSelection(TextSelection.create(doc, title + 2, objective + 4)).insertText('y')
    expect(across.docChanged).toBe(true)
    expect(removedNonEmptyBlocks(doc, across.doc)).toEqual([])
  })

  it('an empty block just inserted is removed without asking; any text or extra entry makes it non-empty', () => {
    const fiche = emptyFiche()
    expect(isNonEmptyBlock(fiche)).toBe(false)
    expect(
      isNonEmptyBlock(pmSchema.nodeFromJSON(importIndicatorTable(emptyIndicatorTable({ start: 2026, end: 2030 })))),
    ).toBe(false)
    expect(isNonEmptyBlock(pmSchema.nodeFromJSON(importSignatoryBlock(emptySignatoryBlock())))).toBe(false)

    const withThird = emptySignatoryBlock()
    withThird.signatories.push(emptySignatory('commune'))
    expect(isNonEmptyBlock(pmSchema.nodeFromJSON(importSignatoryBlock(withThird)))).toBe(true)
    const twoRows = emptyIndicatorTable({ start: 2026, end: 2027 })
    twoRows.rows.push({ ...twoRows.rows[0]!, id: 'ir-second' })
    expect(isNonEmptyBlock(pmSchema.nodeFromJSON(importIndicatorTable(twoRows)))).toBe(true)
    const twoActions = emptyFicheAction(null)
    twoActions.keyActions.push({ ...twoActions.keyActions[0]!, id: 'ka-second' })
    expect(isNonEmptyBlock(pmSchema.nodeFromJSON(importFicheAction(twoActions)))).toBe(true)
    const titled = emptyFicheAction(null)
    titled.title = 'Un titre'
    expect(isNonEmptyBlock(pmSchema.nodeFromJSON(importFicheAction(titled)))).toBe(true)

    // the fixture's table holds labelled rows: it is non-empty
    expect(isNonEmptyBlock(doc.nodeAt(positionsOfType(doc, 'indicatorTable')[0]!)!)).toBe(true)

    const state = stateOf()
    const inserted = state.apply(state.tr.insert(0, fiche))
    const removed = inserted.tr.delete(0, fiche.nodeSize)
    expect(removedNonEmptyBlocks(inserted.doc, removed.doc)).toEqual([])
  })
})

describe('moving blocks', () => {
  it('down then up, in one step each, keeping every id and the caret in the block', () => {
    let state = stateOf()
    const before = order(doc)
    const fichePos = positionsOfType(doc, 'ficheAction')[0]!
    const titlePos = positionsOfType(doc, 'ficheTitle')[0]!
    state = state.apply(state.tr.setSelection(TextSelection.create(doc, titlePos + 3)))

    const down = state.tr
    expect(moveBlock(down, 'down')).toBe(true)
    expect(down.steps).toHaveLength(1)
    expect(removedNonEmptyBlocks(state.doc, down.doc)).toEqual([])
    const moved = state.applyTransaction(down)
    // UniqueBlockIds found nothing to re-id: the moved fiche keeps its id
    expect(moved.transactions).toHaveLength(1)
    state = moved.state
    expect(order(state.doc)).toEqual([before[1], before[0], before[2]])
    expect(state.selection.$from.parent.type.name).toBe('ficheTitle')
    expect(state.selection.$from.parentOffset).toBe(2)
    expect(state.doc.nodeAt(state.selection.$from.before(1))!.attrs.id).toBe(before[0])

    const up = state.tr
    expect(moveBlock(up, 'up')).toBe(true)
    state = state.apply(up)
    expect(state.doc.eq(doc)).toBe(true)
    expect(state.selection.from).toBe(titlePos + 3)
    expect(fichePos).toBe(state.selection.$from.before(1))
  })

  it('a selected block moves and stays selected; the first block cannot move up, nor free text', () => {
    let state = stateOf()
    const first = doc.child(0)
    state = state.apply(state.tr.setSelection(TextSelection.create(doc, 2)))
    expect(moveBlock(state.tr, 'up')).toBe(false)
    expect(first.type.name).toBe('heading')
    const tablePos = positionsOfType(doc, 'indicatorTable')[0]!
    state = state.apply(state.tr.setSelection(NodeSelection.create(doc, tablePos)))
    const tr = state.tr
    expect(moveBlock(tr, 'up')).toBe(true)
    const selection = tr.selection as NodeSelection
    expect(selection.node.type.name).toBe('indicatorTable')
  })
})

describe('deleting and inserting blocks', () => {
  it('deleteBlock removes one block and says it was confirmed', () => {
    const state = stateOf()
    const pos = positionsOfType(doc, 'signatoryBlock')[0]!
    const tr = state.tr
    expect(deleteBlock(tr, pos)).toBe(true)
    expect(tr.getMeta(CONFIRMED_BLOCK_REMOVAL)).toBe(true)
    expect(keysOf(removedNonEmptyBlocks(doc, tr.doc))).toEqual([doc.nodeAt(pos)!.attrs.id])
    expect(deleteBlock(state.tr, pos + 1)).toBe(false)
  })

  it('insertBlock goes after the top-level node holding the caret, never splitting a paragraph', () => {
    const state = stateOf()
    const paragraphPos = positionsOfType(doc, 'paragraph')[0]!
    const paragraph = doc.nodeAt(paragraphPos)!
    const tr = state.tr.setSelection(TextSelection.create(doc, paragraphPos + 5))
    insertBlock(tr, emptyFiche())
    expect(tr.doc.nodeAt(paragraphPos)!.eq(paragraph)).toBe(true)
    expect(tr.doc.nodeAt(paragraphPos + paragraph.nodeSize)!.type.name).toBe('ficheAction')
    expect(tr.selection.$from.parent.type.name).toBe('ficheTitle')

    // in place of an empty paragraph
    const withEmpty = state.apply(state.tr.insert(paragraphPos, pmSchema.nodes.paragraph!.create()))
    const tr2 = withEmpty.tr.setSelection(TextSelection.create(withEmpty.doc, paragraphPos + 1))
    insertBlock(tr2, emptyFiche())
    expect(tr2.doc.childCount).toBe(withEmpty.doc.childCount)
    expect(tr2.doc.nodeAt(paragraphPos)!.type.name).toBe('ficheAction')

    // at a gap cursor between two blocks, in that gap
    const tablePos = positionsOfType(doc, 'indicatorTable')[0]!
    const tr3 = state.tr.setSelection(new GapCursor(doc.resolve(tablePos)))
    insertBlock(tr3, emptyFiche())
    expect(tr3.doc.nodeAt(tablePos)!.type.name).toBe('ficheAction')
    expect(tr3.doc.nodeAt(tablePos)!.attrs.id).not.toBe('fa-1')
  })
})
