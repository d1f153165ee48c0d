import { diffConventions, summarizeChanges, type Convention, type ConventionChange } from '@ctg/shared'
import { describe, expect, it } from 'vitest'
import { largeConvention, smallConvention } from '../fixtures/conventionFixtures.js'

type Block = Convention['content'][number]
const fiche = (c: Convention, id = 'fa-1') =>
  c.content.find((b) => 'id' in b && b.id === id) as Extract<Block, { type: 'ficheAction' }>
const table = (c: Convention) =>
  c.content.find((b) => b.type === 'indicatorTable') as Extract<Block, { type: 'indicatorTable' }>
const signatories = (c: Convention) =>
  (c.content.find((b) => b.type === 'signatoryBlock') as Extract<Block, { type: 'signatoryBlock' }>).signatories

/** The first list of parties in the model, wherever it is (top level or in a block); null before parties exist. */
function partiesOf(c: Convention): { id: string; name: string }[] | null {
  const found: { id: string; name: string }[][] = []
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk)
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'parties' && Array.isArray(child) && child.length > 0) found.push(child as never)
        walk(child)
      }
    }
  }
  walk(c)
  return found[0] ?? null
}

interface Case {
  name: string
  edit(c: Convention): void
  expected: Partial<ConventionChange>[]
  summary?: string
}

const CASES: Case[] = [
  {
    name: 'fiche field changed',
    edit: (c) => {
      fiche(c).objective =
        'Informer toutes les familles sur les modes d’accueil et accompagner les assistants maternels.'
    },
    expected: [
      {
        op: 'changed',
        blockId: 'fa-1',
        path: '/objective',
        words: expect.arrayContaining([{ op: 'insert', text: 'toutes ' }]),
      },
    ],
    summary: '1 fiche modifiée',
  },
  {
    name: 'key action inserted',
    edit: (c) => {
      fiche(c).keyActions.push({
        id: 'ka-new',
        number: '1.2',
        label: 'Équiper le relais',
        pilot: '',
        deadline: null,
        status: 'a_engager',
      })
    },
    expected: [{ op: 'added', blockId: 'fa-1', entryId: 'ka-new', path: '/keyActions/1', before: null }],
    summary: '1 action clé ajoutée',
  },
  {
    name: 'fiche moved',
    edit: (c) => {
      const index = c.content.findIndex((b) => b.type === 'ficheAction')
      const [moved] = c.content.splice(index, 1)
      c.content.push(moved!)
    },
    expected: [{ op: 'moved', blockId: 'fa-1', path: '', before: 2, after: 4 }],
    summary: '1 fiche déplacée',
  },
  {
    name: 'year added to a table',
    edit: (c) => {
      const t = table(c)
      t.period = { start: 2026, end: 2028 }
      for (const row of t.rows) {
        row.years.push({
          year: 2028,
          target: { text: '', value: null, unit: null },
          reached: { text: '', value: null, unit: null },
        })
      }
    },
    expected: [
      { op: 'changed', blockId: 'it-1', path: '/period/end', before: 2027, after: 2028 },
      { op: 'added', blockId: 'it-1', entryId: 'ir-1-1', path: '/rows/0/years/2', before: null },
    ],
  },
  {
    name: 'value changed',
    edit: (c) => {
      table(c).rows[0]!.years[1]!.target = { text: '2 ETP', value: 2, unit: 'ETP' }
    },
    expected: [
      {
        op: 'changed',
        blockId: 'it-1',
        entryId: 'ir-1-1',
        path: '/rows/0/years/1/target/text',
        before: '1 ETP',
        after: '2 ETP',
        words: [
          { op: 'delete', text: '1' },
          { op: 'insert', text: '2' },
          { op: 'equal', text: ' ETP' },
        ],
      },
    ],
  },
  {
    name: 'signatory removed',
    edit: (c) => {
      signatories(c).splice(0, 1)
    },
    expected: [{ op: 'removed', blockId: 'sb-1', entryId: 'sg-01', path: '/signatories/0', after: null }],
    summary: '1 signataire retiré',
  },
  {
    // a party of the model once it has parties; until then, the party a signatory signs for
    name: 'party renamed',
    edit: (c) => {
      const parties = partiesOf(c)
      if (parties) parties[0]!.name = 'Caf de la Gironde'
      else signatories(c)[0]!.organisation = 'Caf de la Gironde'
    },
    expected: [
      { op: 'changed', words: expect.arrayContaining([{ op: 'insert', text: expect.stringContaining('Gironde') }]) },
    ],
  },
  {
    name: 'free text changed',
    edit: (c) => {
      const paragraph = c.content[1] as { text: string }
      paragraph.text = 'Deux actions sont prévues pour cette période d’essai.'
    },
    expected: [{ op: 'changed', blockId: null, path: '/content/1/text' }],
    summary: 'texte modifié',
  },
]

describe('structured diff', () => {
  it.each(CASES)('$name', ({ edit, expected, summary }) => {
    const before = smallConvention()
    const after = structuredClone(before)
    edit(after)
    const changes = diffConventions(before, after)
    expect(changes).toEqual(expected.map((e) => expect.objectContaining(e)))
    if (summary) expect(summarizeChanges(changes, before, after)).toBe(summary)
  })

  it('finds nothing between two equal exports, and nothing for derived numbers alone', () => {
    expect(diffConventions(smallConvention(), smallConvention())).toEqual([])
    const renumbered = smallConvention()
    fiche(renumbered).number = 7
    expect(diffConventions(smallConvention(), renumbered)).toEqual([])
  })

  it('reports a fiche moved in the large convention as one move, and its edit as one change', () => {
    const before = largeConvention()
    const after = structuredClone(before)
    const fiches = after.content.filter((b) => b.type === 'ficheAction')
    const moved = fiches[1]!
    after.content.splice(after.content.indexOf(moved), 1)
    after.content.splice(after.content.indexOf(fiches[fiches.length - 1]!) + 1, 0, moved)
    ;(moved as { title: string }).title += ' (révisée)'
    const changes = diffConventions(before, after)
    expect(changes.filter((c) => c.op === 'moved').map((c) => c.blockId)).toEqual([(moved as { id: string }).id])
    expect(changes.filter((c) => c.op === 'changed')).toEqual([
      expect.objectContaining({ blockId: (moved as { id: string }).id, path: '/title' }),
    ])
  })
})
