import { editorSchema as pmSchema } from '@ctg/extensions'
import {
  conventionJsonSchema,
  conventionModel,
  conventionToEditorJson,
  editorJsonToConvention,
  parseCommuneList,
  parseConventionFile,
  validateEditorJson,
  writeConvention,
  yDocToConvention,
  type Convention,
  type ConventionV1,
} from '@ctg/shared'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { wholeConvention } from '../fixtures/wholeConvention.js'

const validate = new Ajv2020({ allErrors: true, strict: false }).compile(conventionJsonSchema())

function throughYDoc(convention: Convention): Convention {
  const ydoc = new Y.Doc()
  writeConvention(ydoc, pmSchema, convention)
  const loaded = new Y.Doc()
  Y.applyUpdate(loaded, Y.encodeStateAsUpdate(ydoc))
  return yDocToConvention(loaded)
}

/** A fiche whose fields of paragraphs hold bullet and numbered lists, nested and formatted, among paragraphs. */
function ficheListsConvention(): Convention {
  const c = wholeConvention()
  const fiche = c.content.find((b) => b.type === 'ficheAction')!
  if (fiche.type !== 'ficheAction') throw new Error('fixture')
  fiche.objective = [
    'Informer les familles :',
    'sur les modes d’accueil',
    'sur les aides',
    'CAF',
    'MSA',
    'Accompagner les assistants maternels.',
  ].join('\n\n')
  fiche.expectedResult = 'Ouvrir un RPE\n\nPublier le guide'
  fiche.funding = ''
  fiche.rich = {
    objective: [
      [{ text: 'Informer', marks: [{ type: 'bold' }] }, { text: ' les familles :' }],
      {
        type: 'list',
        ordered: false,
        items: [
          { text: 'sur les modes d’accueil' },
          {
            text: 'sur les aides',
            runs: [[{ text: 'sur les ' }, { text: 'aides', marks: [{ type: 'italic' }] }]],
            sublist: { type: 'list', ordered: true, items: [{ text: 'CAF' }, { text: 'MSA' }] },
          },
        ],
      },
      [{ text: 'Accompagner les assistants maternels.' }],
    ],
    // a list alone, without any formatting: `rich` holds it all the same
    expectedResult: [{ type: 'list', ordered: true, items: [{ text: 'Ouvrir un RPE' }, { text: 'Publier le guide' }] }],
    // an empty list item is kept
    funding: [{ type: 'list', ordered: false, items: [{ text: '' }] }],
  }
  return c
}

/** Version-2 cases are data, each checked against a snapshot of its editor JSON and by round trips. */
const cases: { name: string; convention: () => Convention }[] = [
  { name: 'v2-whole', convention: wholeConvention },
  {
    name: 'v2-territory-without-parties',
    // a convention that names its communes before its parties: no parties block, tables of nobody
    convention: () => {
      const c = wholeConvention()
      c.parties = []
      c.content = c.content
        .filter((b) => b.type !== 'parties' && b.type !== 'signatoryBlock')
        .map((b) => (b.type === 'indicatorTable' ? { ...b, ownerId: null } : b))
      return c
    },
  },
  { name: 'v2-fiche-lists', convention: ficheListsConvention },
]

describe.each(cases)('version-2 case "$name"', ({ name, convention }) => {
  it('validates against the zod model and the served JSON Schema', () => {
    expect(conventionModel.safeParse(convention()).error?.issues).toBeUndefined()
    expect(validate(convention()), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true)
  })

  it('converts to editor JSON that matches its snapshot and the editor schema', async () => {
    const { doc } = conventionToEditorJson(convention())
    expect(validateEditorJson(pmSchema, doc)).toEqual([])
    await expect(JSON.stringify(doc, null, 2)).toMatchFileSnapshot(`__snapshots__/${name}.editor.json`)
  })

  it('export → import → export is identical, through editor JSON and through a Y.Doc', () => {
    const input = convention()
    const { doc, meta } = conventionToEditorJson(input)
    expect(editorJsonToConvention(doc, meta)).toEqual(input)
    expect(throughYDoc(input)).toEqual(input)
    expect(throughYDoc(throughYDoc(input))).toEqual(input)
  })
})

describe('formatting is kept as y-prosemirror marks named as in the editor', () => {
  it('bold, italic, underline, strike and link (href) in the Y.Doc', () => {
    const ydoc = new Y.Doc()
    writeConvention(ydoc, pmSchema, wholeConvention())
    const xml = ydoc.getXmlFragment('default').toString()
    for (const mark of ['<bold>', '<italic>', '<underline>', '<strike>', '<link ', 'href="https://www.caf.fr/ctg"'])
      expect(xml).toContain(mark)
  })
})

describe('the rules that span the convention refuse an import that breaks them', () => {
  const issuesOf = (change: (c: Convention) => void) => {
    const c = wholeConvention()
    change(c)
    return conventionModel.safeParse(c).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? []
  }
  const find = <T extends Convention['content'][number]['type']>(c: Convention, type: T) =>
    c.content.find((b) => b.type === type) as Extract<Convention['content'][number], { type: T }>

  it('references must resolve', () => {
    expect(issuesOf((c) => (find(c, 'signatoryBlock').signatories[0]!.partyId = 'pa-x'))).toEqual([
      expect.stringMatching(/partyId: "pa-x" is not a party/),
    ])
    expect(issuesOf((c) => (find(c, 'planningTable').ownerId = 'nobody'))).toEqual([
      expect.stringMatching(/neither a party nor a commune/),
    ])
    expect(issuesOf((c) => find(c, 'ficheAction').communeIds.push('co-x'))).toEqual([
      expect.stringMatching(/not a commune/),
    ])
    expect(issuesOf((c) => (find(c, 'ficheAction').indicators.items[0]!.rowId = 'ir-x'))).toEqual([
      expect.stringMatching(/not a row/),
    ])
  })

  it('parties and territory have one place each, and runs spell their text', () => {
    expect(issuesOf((c) => c.content.push({ type: 'territory', id: 'tb-2' }))).toEqual([
      expect.stringMatching(/at most one territory/),
      expect.stringMatching(/exactly one/),
    ])
    expect(issuesOf((c) => (c.content = c.content.filter((b) => b.type !== 'parties')))).toEqual([
      expect.stringMatching(/parties need their place/),
    ])
    expect(issuesOf((c) => (find(c, 'paragraph').text = 'Autre texte'))).toEqual([
      expect.stringMatching(/runs must spell the text/),
    ])
    expect(issuesOf((c) => (find(c, 'ficheAction').objective = 'Autre'))).toEqual([
      expect.stringMatching(/runs must spell the text of objective/),
    ])
  })

  it("a fiche field's lists spell its text: each item, then its sublist, joined by a blank line", () => {
    const issuesOfLists = (change: (c: Convention) => void) => {
      const c = ficheListsConvention()
      change(c)
      return conventionModel.safeParse(c).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? []
    }
    const fiche = (c: Convention) => find(c, 'ficheAction')
    expect(issuesOfLists(() => {})).toEqual([])
    // a word left out of the text, or items out of order
    expect(issuesOfLists((c) => (fiche(c).expectedResult = 'Ouvrir un RPE'))).toEqual([
      expect.stringMatching(/rich\.expectedResult: the runs must spell the text of expectedResult/),
    ])
    expect(issuesOfLists((c) => (fiche(c).expectedResult = 'Publier le guide\n\nOuvrir un RPE'))).toHaveLength(1)
    // an item's runs must spell the item's text
    expect(
      issuesOfLists((c) => {
        const list = fiche(c).rich!.objective![1]!
        if (!Array.isArray(list)) list.items[1]!.runs = [[{ text: 'sur les primes' }]]
      }),
    ).toEqual([expect.stringMatching(/rich\.objective\.1\.items\.1\.runs: the runs must spell the text/)])
    // a list says whether it is numbered
    expect(
      issuesOfLists((c) => delete (fiche(c).rich!.expectedResult![0] as { ordered?: boolean }).ordered),
    ).not.toEqual([])
  })

  it('SIREN and INSEE codes have their shapes', () => {
    expect(issuesOf((c) => (c.parties[0]!.siren = '12345'))).toHaveLength(1)
    expect(issuesOf((c) => (c.territory!.communes[0]!.insee = '4205'))).toHaveLength(1)
  })
})

describe('a version-1 export from before version 2 (tests/fixtures/v1)', () => {
  for (const name of ['national', 'large']) {
    it(`${name}: imports as version 2 with every block's text unchanged and no party inferred`, () => {
      const v1 = JSON.parse(
        readFileSync(new URL(`../fixtures/v1/${name}.v1.json`, import.meta.url), 'utf8'),
      ) as ConventionV1
      const parsed = parseConventionFile(v1)
      if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues.slice(0, 3)))
      const v2 = parsed.data
      expect(parsed.version).toBe(1)
      expect([v2.version, v2.parties, v2.territory]).toEqual([2, [], null])
      expect([v2.title, v2.period, v2.content.length]).toEqual([v1.title, v1.period, v1.content.length])
      v1.content.forEach((block, i) => {
        const now = v2.content[i]!
        expect(now.type).toBe(block.type)
        if (block.type === 'ficheAction' && now.type === 'ficheAction') {
          const { theme, indicators, ...rest } = block
          expect(now).toMatchObject(rest)
          expect(now.theme).toEqual({ codes: theme.code ? [theme.code] : [], label: theme.label })
          expect(now.indicators.items.map((item) => item.text)).toEqual(indicators.items)
        } else if (block.type === 'indicatorTable' && now.type === 'indicatorTable') {
          expect(now.rows.map(({ frequency, collector, ...row }) => row)).toEqual(block.rows)
          expect(now.rows.every((r) => r.frequency === null && r.collector === '')).toBe(true)
        } else if (block.type === 'signatoryBlock' && now.type === 'signatoryBlock') {
          expect(now.signatories.map(({ partyId, ...s }) => s)).toEqual(block.signatories)
        } else expect(now).toEqual(block)
      })
      // and it exports as version 2 with the same facts, identically after a second round trip
      const exported = throughYDoc(v2)
      expect(exported).toEqual({ ...v2, comments: undefined } as Convention extends never ? never : typeof exported)
    })
  }

  it('a version-1 file that breaks version 1 gets the version-1 issues', () => {
    const parsed = parseConventionFile({
      format: 'ctg-convention',
      version: 1,
      title: '',
      period: { start: 2026, end: 2025 },
      content: [],
    })
    expect(parsed.success).toBe(false)
    expect(parsed.version).toBe(1)
  })
})

describe('parseCommuneList (the territory form takes a pasted list)', () => {
  it('one commune per line or comma, an INSEE code before, after or in brackets, no blanks nor repeats', () => {
    expect(parseCommuneList('Seyne 04205\n\n04126 - Montclar, Le Vernet ; Ajaccio (2a004)\nseyne\t')).toEqual([
      { name: 'Seyne', insee: '04205' },
      { name: 'Montclar', insee: '04126' },
      { name: 'Le Vernet', insee: null },
      { name: 'Ajaccio', insee: '2A004' },
    ])
  })
})
