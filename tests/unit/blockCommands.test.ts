import {
  addFicheListItem,
  addIndicatorRow,
  addIndicatorYear,
  addKeyAction,
  addSignatory,
  editorSchema as pmSchema,
  editYDoc,
  insertFicheAction,
  positionsOfType,
  removeEntry,
  removeIndicatorYear,
} from '@ctg/extensions'
import { conventionModel, writeConvention, yDocToConvention, type IndicatorTableBlock } from '@ctg/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { smallConvention } from '../fixtures/conventionFixtures.js'

function docWith() {
  const ydoc = new Y.Doc()
  writeConvention(ydoc, pmSchema, smallConvention())
  return ydoc
}

const firstOf = (ydoc: Y.Doc, type: string) => {
  let pos = -1
  editYDoc(ydoc, pmSchema, (tr) => {
    pos = positionsOfType(tr.doc, type)[0]!
    return false
  })
  return pos
}

const table = (ydoc: Y.Doc) =>
  yDocToConvention(ydoc).content.find((b) => b.type === 'indicatorTable') as IndicatorTableBlock

describe('block commands (headless, on a Y.Doc)', () => {
  it('adding a year at the end or the start changes every row at once', () => {
    const ydoc = docWith()
    const pos = firstOf(ydoc, 'indicatorTable')
    editYDoc(ydoc, pmSchema, (tr) => addIndicatorRow(tr, pmSchema, pos))
    editYDoc(ydoc, pmSchema, (tr) => addIndicatorYear(tr, pmSchema, pos, 'end'))
    editYDoc(ydoc, pmSchema, (tr) => addIndicatorYear(tr, pmSchema, pos, 'start'))
    const t = table(ydoc)
    expect(t.period).toEqual({ start: 2025, end: 2028 })
    expect(t.rows).toHaveLength(2)
    for (const row of t.rows) expect(row.years.map((y) => y.year)).toEqual([2025, 2026, 2027, 2028])
    expect(conventionModel.safeParse(yDocToConvention(ydoc)).success).toBe(true)
  })

  it('removing a year removes its cells from every row and keeps the other values', () => {
    const ydoc = docWith()
    const pos = firstOf(ydoc, 'indicatorTable')
    const before = table(ydoc)
    editYDoc(ydoc, pmSchema, (tr) => removeIndicatorYear(tr, pos, 'start'))
    const after = table(ydoc)
    expect(after.period).toEqual({ start: before.period.start + 1, end: before.period.end })
    expect(after.rows[0]!.years).toEqual(before.rows[0]!.years.slice(1))
    // a period keeps at least one year
    expect(editYDoc(ydoc, pmSchema, (tr) => removeIndicatorYear(tr, pos, 'end'))).toBe(false)
  })

  it('key actions, list items and signatories are added and removed inside their block', () => {
    const ydoc = docWith()
    const fiche = firstOf(ydoc, 'ficheAction')
    editYDoc(ydoc, pmSchema, (tr) => addKeyAction(tr, pmSchema, fiche))
    editYDoc(ydoc, pmSchema, (tr) => addKeyAction(tr, pmSchema, fiche, 0))
    editYDoc(ydoc, pmSchema, (tr) => addFicheListItem(tr, pmSchema, positionsOfType(tr.doc, 'fichePartners')[0]!))
    editYDoc(ydoc, pmSchema, (tr) =>
      addSignatory(tr, pmSchema, positionsOfType(tr.doc, 'signatoryBlock')[0]!, 'commune'),
    )
    let c = yDocToConvention(ydoc)
    const f = c.content.find((b) => b.type === 'ficheAction')!
    if (f.type !== 'ficheAction') throw new Error('fiche')
    expect(f.keyActions.map((k) => k.number)).toEqual(['1.1', '1.2', '1.3'])
    expect(f.keyActions[0]!.label).toBe('')
    expect(f.partners.at(-1)).toBe('')
    const s = c.content.find((b) => b.type === 'signatoryBlock')!
    if (s.type !== 'signatoryBlock') throw new Error('signatories')
    expect(s.signatories.at(-1)!.kind).toBe('commune')

    editYDoc(ydoc, pmSchema, (tr) => removeEntry(tr, positionsOfType(tr.doc, 'keyAction')[0]!))
    c = yDocToConvention(ydoc)
    const f2 = c.content.find((b) => b.type === 'ficheAction')!
    if (f2.type !== 'ficheAction') throw new Error('fiche')
    expect(f2.keyActions.map((k) => k.id)).toEqual(f.keyActions.slice(1).map((k) => k.id))
  })

  it('a required field cannot be removed', () => {
    const ydoc = docWith()
    expect(editYDoc(ydoc, pmSchema, (tr) => removeEntry(tr, positionsOfType(tr.doc, 'ficheObjective')[0]!))).toBe(false)
    expect(editYDoc(ydoc, pmSchema, (tr) => removeEntry(tr, positionsOfType(tr.doc, 'signatoryName')[0]!))).toBe(false)
  })

  it('a new fiche goes after the block holding the caret and is numbered in document order', () => {
    const ydoc = docWith()
    editYDoc(ydoc, pmSchema, (tr) => insertFicheAction(tr, pmSchema, { start: 2026, end: 2027 }))
    const fiches = yDocToConvention(ydoc).content.filter((b) => b.type === 'ficheAction')
    expect(fiches.map((f) => f.number)).toEqual([1, 2])
    expect(new Set(fiches.map((f) => f.id)).size).toBe(2)
  })
})
