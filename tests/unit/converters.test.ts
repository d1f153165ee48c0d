import { editorSchema as pmSchema } from '@ctg/extensions'
import {
  conventionModel,
  conventionToEditorJson,
  editorJsonToConvention,
  validateEditorJson,
  writeConvention,
  yDocToConvention,
  type Convention,
} from '@ctg/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { largeConvention, smallConvention } from '../fixtures/conventionFixtures.js'

/** Export cases are data: each is checked against one snapshot file of its editor JSON. */
const cases: { name: string; convention: () => Convention }[] = [
  { name: 'small', convention: smallConvention },
  { name: 'large-6-fiches-2-tables-13-signatories', convention: largeConvention },
  {
    name: 'free-text-shapes',
    convention: () => ({
      format: 'ctg-convention',
      version: 2,
      title: 'Feuille de route',
      period: { start: 2025, end: 2029 },
      parties: [],
      territory: null,
      content: [
        { type: 'heading', level: 1, text: 'Axe 1 — Petite enfance et parentalité' },
        { type: 'heading', level: 2, text: 'Enjeu n°1' },
        { type: 'heading', level: 3, text: 'Objectif stratégique 1' },
        { type: 'paragraph', text: 'Première ligne\nseconde ligne après un retour' },
        { type: 'paragraph', text: '' },
        {
          type: 'list',
          ordered: true,
          items: [
            {
              text: 'Orientation 1',
              sublist: { type: 'list', ordered: false, items: [{ text: 'action a' }, { text: 'action b' }] },
            },
            { text: 'Orientation 2' },
          ],
        },
      ],
    }),
  },
]

describe.each(cases)('convention "$name"', ({ name, convention }) => {
  it('is valid against the structured schema', () => {
    expect(conventionModel.safeParse(convention()).error?.issues).toBeUndefined()
  })

  it('converts to editor JSON that matches its snapshot and the editor schema', async () => {
    const { doc } = conventionToEditorJson(convention())
    expect(validateEditorJson(pmSchema, doc)).toEqual([])
    await expect(JSON.stringify(doc, null, 2)).toMatchFileSnapshot(`__snapshots__/${name}.editor.json`)
  })

  it('comes back unchanged from editor JSON', () => {
    const input = convention()
    const { doc, meta } = conventionToEditorJson(input)
    expect(editorJsonToConvention(doc, meta)).toEqual(input)
  })

  it('comes back unchanged from a Y.Doc', () => {
    const input = convention()
    const ydoc = new Y.Doc()
    writeConvention(ydoc, pmSchema, input)
    // through an update, as the server stores and loads it
    const loaded = new Y.Doc()
    Y.applyUpdate(loaded, Y.encodeStateAsUpdate(ydoc))
    expect(yDocToConvention(loaded)).toEqual(input)
  })
})

describe('the large fixture', () => {
  it('has 6 fiches actions, 2 indicators tables and 13 signatories, numbered in document order', () => {
    const c = largeConvention()
    const fiches = c.content.filter((b) => b.type === 'ficheAction')
    const tables = c.content.filter((b) => b.type === 'indicatorTable')
    const signatories = c.content.flatMap((b) => (b.type === 'signatoryBlock' ? b.signatories : []))
    expect([fiches.length, tables.length, signatories.length]).toEqual([6, 2, 13])
    expect(fiches.map((f) => f.number)).toEqual([1, 2, 3, 4, 5, 6])
    fiches.forEach((f) => f.keyActions.forEach((k, i) => expect(k.number).toBe(`${f.number}.${i + 1}`)))
  })
})

describe('numbers are derived from document order', () => {
  it('renumbers fiches and their key actions when fiches move', () => {
    const input = largeConvention()
    const { doc, meta } = conventionToEditorJson(input)
    const content = doc.content!
    const ficheIndexes = content.flatMap((n, i) => (n.type === 'ficheAction' ? [i] : []))
    // swap the first and the last fiche
    const [first, last] = [ficheIndexes[0]!, ficheIndexes.at(-1)!]
    ;[content[first], content[last]] = [content[last]!, content[first]!]
    const out = editorJsonToConvention(doc, meta)
    const fiches = out.content.filter((b) => b.type === 'ficheAction')
    expect(fiches[0]!.id).toBe(input.content.filter((b) => b.type === 'ficheAction').at(-1)!.id)
    expect(fiches[0]!.number).toBe(1)
    expect(fiches[0]!.keyActions.map((k) => k.number)).toEqual(fiches[0]!.keyActions.map((_, i) => `1.${i + 1}`))
    expect(fiches.at(-1)!.keyActions[0]!.number).toBe('6.1')
  })
})

describe('the structured schema refuses what would corrupt an archive', () => {
  it('names a duplicate id', () => {
    const c = smallConvention()
    const blocks = c.content.filter((b) => b.type === 'ficheAction' || b.type === 'signatoryBlock')
    ;(blocks[1] as { id: string }).id = (blocks[0] as { id: string }).id
    const issues = conventionModel.safeParse(c).error!.issues
    expect(issues.some((i) => /duplicate id/.test(i.message))).toBe(true)
  })

  it('names a row whose years do not follow the period', () => {
    const c = smallConvention()
    const table = c.content.find((b) => b.type === 'indicatorTable')!
    if (table.type !== 'indicatorTable') throw new Error('fixture')
    table.rows[0]!.years.pop()
    const issues = conventionModel.safeParse(c).error!.issues
    expect(issues.map((i) => i.path.join('.'))).toContain(`content.${c.content.indexOf(table)}.rows.0.years`)
  })

  it('refuses a cell whose number does not match its text', () => {
    const c = smallConvention()
    const table = c.content.find((b) => b.type === 'indicatorTable')!
    if (table.type !== 'indicatorTable') throw new Error('fixture')
    table.rows[0]!.years[0]!.target = { text: '12', value: 13, unit: null }
    expect(conventionModel.safeParse(c).success).toBe(false)
  })
})
