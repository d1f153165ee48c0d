import { editorSchema as pmSchema } from '@ctg/extensions'
import {
  conventionModel,
  conventionToEditorJson,
  editorJsonToConvention,
  readMeta,
  TITLE_MAX_LENGTH,
  CELL_MAX_LENGTH,
  type EditorNode,
} from '@ctg/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { smallConvention } from '../fixtures/conventionFixtures.js'

/** Documents the update guard would have refused, stored before it checked the rules, still export valid conventions. */
describe('the export reads every document as a valid convention', () => {
  const input = smallConvention()
  const { doc, meta } = conventionToEditorJson(input)
  const blocks = (d: EditorNode) => d.content!.filter((n) => n.type === 'ficheAction' || n.type === 'indicatorTable')

  it('gives a later holder of an id, and one without, a derived id; the same document always the same ids', () => {
    const copy = structuredClone(doc)
    const fiche = copy.content!.find((n) => n.type === 'ficheAction')!
    copy.content!.push(structuredClone(fiche))
    const orphan = structuredClone(fiche)
    delete orphan.attrs!.id
    copy.content!.push(orphan)
    const out = editorJsonToConvention(copy, meta)
    expect(conventionModel.safeParse(out).error?.issues).toBeUndefined()
    const ids = out.content.flatMap((b) => (b.type === 'ficheAction' ? [b.id] : []))
    expect(ids.slice(-2)).toEqual([`${fiche.attrs!.id}-2`, 'fa-sans-id-1'])
    expect(editorJsonToConvention(copy, meta)).toEqual(out)
    expect(pmSchema.nodeFromJSON(conventionToEditorJson(out).doc)).toBeTruthy()
  })

  it('reads a reversed table period as the convention period, and a year out of bounds as unset', () => {
    const copy = structuredClone(doc)
    const table = blocks(copy).find((n) => n.type === 'indicatorTable')!
    table.attrs = { ...table.attrs, startYear: 2031, endYear: 2027 }
    const fiche = blocks(copy).find((n) => n.type === 'ficheAction')!
    fiche.attrs = { ...fiche.attrs, startYear: 1850 }
    const out = editorJsonToConvention(copy, meta)
    expect(conventionModel.safeParse(out).error?.issues).toBeUndefined()
    const exportedTable = out.content.find((b) => b.type === 'indicatorTable')!
    expect(exportedTable.type === 'indicatorTable' && exportedTable.period).toEqual(input.period)
    const exportedFiche = out.content.find((b) => b.type === 'ficheAction')!
    expect(exportedFiche.type === 'ficheAction' && exportedFiche.schedule.startYear).toBeNull()
  })

  it('reads a cell stored longer than CELL_MAX_LENGTH as its first characters, so the export still validates', () => {
    const copy = structuredClone(doc)
    const target = (function find(node: EditorNode): EditorNode | undefined {
      if (node.type === 'indicatorTarget') return node
      for (const child of node.content ?? []) {
        const found = find(child)
        if (found) return found
      }
      return undefined
    })(copy)!
    target.content = [{ type: 'text', text: '12 places '.repeat(40) }]
    const out = editorJsonToConvention(copy, meta)
    expect(conventionModel.safeParse(out).error?.issues).toBeUndefined()
    const table = out.content.find((b) => b.type === 'indicatorTable')!
    const cell = table.type === 'indicatorTable' ? table.rows[0]!.years[0]!.target : null
    expect(cell?.text).toBe('12 places '.repeat(40).slice(0, CELL_MAX_LENGTH))
  })

  it('reads an empty or over-long title and a reversed period as the nearest valid ones', () => {
    const ydoc = new Y.Doc()
    ydoc.getMap('meta').set('title', '')
    ydoc.getMap('meta').set('period', { start: 2030, end: 2020 })
    expect(readMeta(ydoc)).toEqual({ title: 'Convention sans titre', period: { start: 2030, end: 2030 } })
    ydoc.getMap('meta').set('title', 'T'.repeat(TITLE_MAX_LENGTH + 5))
    ydoc.getMap('meta').set('period', { start: 2026, end: 2060 })
    expect(readMeta(ydoc)).toEqual({ title: 'T'.repeat(TITLE_MAX_LENGTH), period: { start: 2026, end: 2041 } })
  })
})

describe('a list item holding two sublists', () => {
  it('exports the items of both, in order, under the first one', () => {
    const { doc, meta } = conventionToEditorJson(smallConvention())
    const text = (t: string) => [{ type: 'text', text: t }]
    const item = (t: string, ...lists: EditorNode[]): EditorNode => ({
      type: 'listItem',
      content: [{ type: 'paragraph', content: text(t) }, ...lists],
    })
    const list = (type: string, ...items: EditorNode[]): EditorNode => ({ type, content: items })
    const copy = structuredClone(doc)
    copy.content!.push(
      list('bulletList', item('Axe', list('bulletList', item('premier')), list('orderedList', item('second')))),
    )
    const out = editorJsonToConvention(copy, meta)
    expect(conventionModel.safeParse(out).error?.issues).toBeUndefined()
    const exported = out.content.at(-1)
    expect(exported).toMatchObject({
      type: 'list',
      items: [{ text: 'Axe', sublist: { ordered: false, items: [{ text: 'premier' }, { text: 'second' }] } }],
    })
  })
})
