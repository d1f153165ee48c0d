import {
  CELL_MAX_LENGTH,
  LONGEST_PERIOD_YEARS,
  TITLE_MAX_LENGTH,
  writeMeta,
  Y_FRAGMENT_NAME,
  type Convention,
} from '@ctg/shared'
import { Ajv2020 } from 'ajv/dist/2020.js'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { largeConvention } from '../fixtures/conventionFixtures.js'
import { wholeConvention } from '../fixtures/wholeConvention.js'
import { connectClient, waitFor, type TestClient } from '../helpers/connectClient.js'
import { createConvention } from '../helpers/createConvention.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { fieldText, findElements } from '../helpers/yFields.js'

/**
 * The invariant: every document state the server acknowledges exports to JSON that
 * validates against the served schema and imports back to the same export. Two or three
 * raw Yjs clients (no editor, so no limit in the interface) make random edits: over-long
 * texts, emptied fields and titles, reversed periods, years out of bounds, entries without
 * ids or with another's id, two clients typing into the same cell at once, lists in a fiche's
 * objective (over the limit together, empty, or emptied by two clients at once). After each
 * step the server has either refused an update (4422; that client is replaced) or its
 * export validates and comes back identical from an import.
 *
 * EXPORT_INVARIANT_SEED=n replays a run (fast-check prints the seed and the failing path);
 * EXPORT_INVARIANT_RUNS=n runs more plans (default 3).
 */
const seed = process.env.EXPORT_INVARIANT_SEED ? Number(process.env.EXPORT_INVARIANT_SEED) : undefined
const numRuns = Number(process.env.EXPORT_INVARIANT_RUNS ?? 3)

const FIELDS = [
  'ficheTitle',
  'keyActionLabel',
  'indicatorTarget',
  'indicatorReached',
  'signatoryName',
  'indicatorLabel',
  'partyName',
  'communeName',
  'planningPlanned',
  'planningExisting',
]
const lengths = fc.oneof(
  fc.integer({ min: 1, max: 20 }),
  fc.integer({ min: CELL_MAX_LENGTH - 20, max: CELL_MAX_LENGTH + 20 }),
  fc.constant(TITLE_MAX_LENGTH + 1),
)
const year = fc.oneof(fc.integer({ min: 2020, max: 2040 }), fc.constantFrom(1989, 2101, 1990, 2100))

const action = fc.oneof(
  fc.record({
    kind: fc.constant('type' as const),
    client: fc.nat(),
    field: fc.constantFrom(...FIELDS),
    index: fc.nat(),
    length: lengths,
  }),
  fc.record({
    kind: fc.constant('typeTogether' as const),
    index: fc.nat(),
    lengths: fc.tuple(fc.integer({ min: 60, max: 150 }), fc.integer({ min: 60, max: 150 })),
  }),
  fc.record({
    kind: fc.constant('empty' as const),
    client: fc.nat(),
    field: fc.constantFrom(...FIELDS),
    index: fc.nat(),
  }),
  fc.record({
    kind: fc.constant('objective' as const),
    client: fc.nat(),
    index: fc.nat(),
    paragraphs: fc.integer({ min: 0, max: 3 }),
  }),
  // a list in a fiche's objective: items over the limit together, or none at all (the server adds one)
  fc.record({
    kind: fc.constant('objectiveList' as const),
    client: fc.nat(),
    index: fc.nat(),
    ordered: fc.boolean(),
    items: fc.array(fc.constantFrom(5, 60_000), { maxLength: 3 }),
  }),
  fc.record({ kind: fc.constant('listItemsTogether' as const), index: fc.nat() }),
  fc.record({
    kind: fc.constant('title' as const),
    client: fc.nat(),
    length: fc.constantFrom(0, 1, 40, TITLE_MAX_LENGTH, TITLE_MAX_LENGTH + 1),
  }),
  fc.record({
    kind: fc.constant('period' as const),
    client: fc.nat(),
    start: year,
    span: fc.integer({ min: -3, max: LONGEST_PERIOD_YEARS + 2 }),
  }),
  fc.record({ kind: fc.constant('tableYears' as const), client: fc.nat(), start: year, end: year }),
  fc.record({ kind: fc.constant('tableYearsTogether' as const), start: year, end: year }),
  fc.record({ kind: fc.constant('deadline' as const), client: fc.nat(), index: fc.nat(), year }),
  fc.record({ kind: fc.constant('rowWithoutId' as const), client: fc.nat(), text: fc.string({ maxLength: 30 }) }),
  fc.record({ kind: fc.constant('copyFiche' as const), client: fc.nat(), index: fc.nat() }),
  fc.record({
    kind: fc.constant('bindParty' as const),
    client: fc.nat(),
    index: fc.nat(),
    party: fc.constantFrom('pa-caf', 'pa-epci', 'pa-nowhere'),
  }),
  fc.record({ kind: fc.constant('secondTerritory' as const), client: fc.nat() }),
  fc.record({
    kind: fc.constant('format' as const),
    client: fc.nat(),
    index: fc.nat(),
    mark: fc.constantFrom('bold', 'italic', 'link'),
  }),
  fc.record({
    kind: fc.constant('removeEntry' as const),
    client: fc.nat(),
    name: fc.constantFrom('keyAction', 'indicatorRow', 'signatory', 'party', 'commune', 'planningRow'),
    index: fc.nat(),
  }),
)
type Action = typeof action extends fc.Arbitrary<infer A> ? A : never

let server: TestServer
let validate: ReturnType<Ajv2020['compile']>

beforeAll(async () => {
  server = await startTestServer()
  const schema = (await (await fetch(`${server.httpUrl}/api/schema/convention.json`)).json()) as object
  validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema)
})
afterAll(async () => {
  await server.stop()
})

/** A raw client and whether the server closed it since (refused an update of it). */
interface Peer {
  client: TestClient
  closed: { code: number; reason: string } | null
}

async function connect(id: string, n: number): Promise<Peer> {
  const client = await connectClient(
    server.wsUrl,
    id,
    await server.memberToken(id, { id: `u-raw-${n}`, name: `Client ${n}` }),
  )
  const peer: Peer = { client, closed: null }
  client.socket.on('close', ({ event }: { event: { code: number; reason: string } }) => {
    peer.closed ??= { code: event.code, reason: event.reason }
  })
  return peer
}

const pick = <T>(items: T[], index: number): T | undefined => (items.length ? items[index % items.length] : undefined)
const text = (length: number, fill = 'x') => fill.repeat(length)

function typeInto(doc: Y.Doc, field: string, index: number, length: number, fill = 'x') {
  const element = pick(findElements(doc, field), index)
  if (element) fieldText(element).insert(0, text(length, fill))
}

function apply(doc: Y.Doc, a: Action) {
  const table = findElements(doc, 'indicatorTable')[0]
  switch (a.kind) {
    case 'type':
      return typeInto(doc, a.field, a.index, a.length)
    case 'empty': {
      const element = pick(findElements(doc, a.field), a.index)
      const t = element?.get(0)
      if (t instanceof Y.XmlText && t.length) t.delete(0, t.length)
      return
    }
    case 'objective': {
      const objective = pick(findElements(doc, 'ficheObjective'), a.index)
      if (!objective) return
      doc.transact(() => {
        objective.delete(0, objective.length)
        for (let i = 0; i < a.paragraphs; i++) {
          const paragraph = new Y.XmlElement('paragraph')
          paragraph.insert(0, [new Y.XmlText(`Paragraphe ${i + 1}`)])
          objective.insert(objective.length, [paragraph])
        }
      })
      return
    }
    case 'objectiveList': {
      const objective = pick(findElements(doc, 'ficheObjective'), a.index)
      if (!objective) return
      const list = new Y.XmlElement(a.ordered ? 'orderedList' : 'bulletList')
      list.insert(
        0,
        a.items.map((length) => {
          const paragraph = new Y.XmlElement('paragraph')
          paragraph.insert(0, [new Y.XmlText(text(length, 'l'))])
          const item = new Y.XmlElement('listItem')
          item.insert(0, [paragraph])
          return item
        }),
      )
      objective.insert(objective.length, [list])
      return
    }
    case 'title':
      return doc.getMap('meta').set('title', text(a.length, 'T'))
    case 'period':
      return writeMeta(doc, { period: { start: a.start, end: a.start + a.span } })
    case 'tableYears':
      return doc.transact(() => {
        table?.setAttribute('startYear', a.start as never)
        table?.setAttribute('endYear', a.end as never)
      })
    case 'deadline':
      return pick(findElements(doc, 'keyAction'), a.index)?.setAttribute('deadline', a.year as never)
    case 'rowWithoutId': {
      // a row with a label only: the server adds its fields at once and its id shortly after
      const label = new Y.XmlElement('indicatorLabel')
      label.insert(0, [new Y.XmlText(a.text || 'Ligne')])
      const row = new Y.XmlElement('indicatorRow')
      row.insert(0, [label])
      table?.insert(table.length, [row])
      return
    }
    case 'copyFiche': {
      // what two people moving the same fiche at once leave: two fiches with one id
      const fiche = pick(findElements(doc, 'ficheAction'), a.index)
      if (fiche) doc.getXmlFragment(Y_FRAGMENT_NAME).insert(0, [fiche.clone()])
      return
    }
    case 'bindParty':
      return pick(findElements(doc, 'signatory'), a.index)?.setAttribute('partyId', a.party)
    case 'secondTerritory': {
      const territory = new Y.XmlElement('territoryBlock')
      territory.insert(0, [new Y.XmlElement('territoryEpci')])
      doc.getXmlFragment(Y_FRAGMENT_NAME).insert(0, [territory])
      return
    }
    case 'format': {
      const text = pick(findElements(doc, 'paragraph'), a.index)?.get(0)
      if (!(text instanceof Y.XmlText) || text.length < 2) return
      text.format(0, 2, a.mark === 'link' ? { link: { href: 'https://example.org' } } : { [a.mark]: {} })
      return
    }
    case 'removeEntry': {
      const entry = pick(findElements(doc, a.name), a.index)
      const parent = entry?.parent
      if (entry && parent instanceof Y.XmlElement) parent.delete(parent.toArray().indexOf(entry), 1)
      return
    }
    default:
      return
  }
}

/** Runs one step; for the "together" ones, two clients change their copies before either hears of the other's. */
function step(peers: Peer[], a: Action, n: number) {
  if (a.kind === 'typeTogether') {
    const [first, second] = [peers[0]!, peers[1]!]
    typeInto(first.client.doc, 'indicatorTarget', a.index, a.lengths[0], 'a')
    typeInto(second.client.doc, 'indicatorTarget', a.index, a.lengths[1], 'b')
    return
  }
  if (a.kind === 'listItemsTogether') {
    // one deletes a list's first item, the other its last: a list of one or two items is left empty
    const listOf = (peer: Peer) =>
      pick(
        ['bulletList', 'orderedList'].flatMap((name) => findElements(peer.client.doc, name)),
        a.index,
      )
    const [first, second] = [listOf(peers[0]!), listOf(peers[1]!)]
    if (first?.length) first.delete(0, 1)
    if (second?.length) second.delete(second.length - 1, 1)
    return
  }
  if (a.kind === 'tableYearsTogether') {
    findElements(peers[0]!.client.doc, 'indicatorTable')[0]?.setAttribute('startYear', a.start as never)
    findElements(peers[1]!.client.doc, 'indicatorTable')[0]?.setAttribute('endYear', a.end as never)
    return
  }
  apply(pick(peers, 'client' in a ? a.client : n)!.client.doc, a)
}

async function exportOf(id: string): Promise<Convention> {
  const response = await server.api(`/api/conventions/${id}/export?format=json`)
  expect(response.status).toBe(200)
  return (await response.json()) as Convention
}

async function checkInvariant(id: string, history: string) {
  const first = await exportOf(id)
  expect(validate(first), `${history}\n${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true)
  const imported = await server.api('/api/conventions', { method: 'POST', body: JSON.stringify({ convention: first }) })
  expect(imported.status, `${history}\n${await imported.clone().text()}`).toBe(201)
  const second = await exportOf(((await imported.json()) as { id: string }).id)
  expect(second, history).toEqual(first)
}

describe('every state the server acknowledges exports, validates and imports back the same', () => {
  it('random edits from two or three raw Yjs clients', { timeout: 600_000 }, async () => {
    let refusals = 0
    let steps = 0
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 3 }),
        fc.boolean(),
        fc.array(action, { minLength: 8, maxLength: 16 }),
        async (count, whole, actions) => {
          // the whole convention has parties, a territory and a planning table to break
          const id = await createConvention(server, whole ? wholeConvention() : largeConvention())
          const peers: Peer[] = []
          let connected = 0
          for (let i = 0; i < count; i++) peers.push(await connect(id, ++connected))
          const history: string[] = []
          try {
            for (const [n, a] of actions.entries()) {
              history.push(JSON.stringify(a))
              step(peers, a, n)
              steps++
              // each client's changes acknowledged, or the client closed by a refusal
              await waitFor(
                () => peers.every((p) => p.closed !== null || !p.client.provider.hasUnsyncedChanges),
                'every change acknowledged or refused',
              )
              for (const [i, peer] of peers.entries()) {
                if (!peer.closed) continue
                expect(peer.closed.code, history.join('\n')).toBe(4422)
                refusals++
                peer.client.destroy()
                peers[i] = await connect(id, ++connected)
              }
              await checkInvariant(id, history.join('\n'))
            }
          } finally {
            for (const peer of peers) peer.client.destroy()
          }
        },
      ),
      { seed, numRuns, endOnFailure: true, verbose: true },
    )
    console.log(`export invariant: ${steps} steps, ${refusals} refusals`)
    expect(refusals, 'the plans must reach the limits').toBeGreaterThan(0)
  })
})
