import {
  addIndicatorRow,
  addIndicatorYear,
  addKeyAction,
  editorSchema as pmSchema,
  editYDoc,
  positionsOfType,
} from '@ctg/extensions'
import { yDocToConvention, type Convention, type FicheActionBlock, type IndicatorTableBlock } from '@ctg/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { largeConvention } from '../fixtures/conventionFixtures.js'
import { connectClient, waitFor, type TestClient } from '../helpers/connectClient.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { fieldText, findElements } from '../helpers/yFields.js'
import { draftExportOf } from '../helpers/draftExport.js'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server.stop()
})

async function importConvention(convention: Convention): Promise<string> {
  const response = await server.api('/api/conventions', { method: 'POST', body: JSON.stringify({ convention }) })
  expect(response.status).toBe(201)
  return ((await response.json()) as { id: string }).id
}

async function exportConvention(id: string): Promise<Convention> {
  const response = await server.api(`/api/conventions/${id}/export?format=json`)
  expect(response.status).toBe(200)
  return (await response.json()) as Convention
}

async function twoClients(id: string): Promise<[TestClient, TestClient]> {
  const a = await connectClient(server.wsUrl, id, await server.memberToken(id, { id: 'u-caf', name: 'Claire (Caf)' }))
  const b = await connectClient(server.wsUrl, id, await server.memberToken(id, { id: 'u-epci', name: 'Élodie (EPCI)' }))
  return [a, b]
}

/** Both clients and the server hold the same convention. */
async function converged(id: string, a: TestClient, b: TestClient): Promise<Convention> {
  await Promise.all([a.settled(), b.settled()])
  await waitFor(
    () => JSON.stringify(yDocToConvention(a.doc)) === JSON.stringify(yDocToConvention(b.doc)),
    'clients converge',
  )
  const exported = await exportConvention(id)
  // the export adds the comment threads (none here) to the document's content
  expect(exported).toEqual(draftExportOf(a.doc))
  return exported
}

/** A caret that stays after the last character its user typed, as an editor's selection does. */
class Caret {
  private position: Y.RelativePosition
  constructor(
    private readonly text: Y.XmlText,
    index: number,
  ) {
    this.position = Y.createRelativePositionFromTypeIndex(text, index, -1)
  }
  type(char: string) {
    const index = Y.createAbsolutePositionFromRelativePosition(this.position, this.text.doc!)!.index
    this.text.insert(index, char)
    this.position = Y.createRelativePositionFromTypeIndex(this.text, index + 1, -1)
  }
}

/**
 * Both clients type a word at the end of the same field, one keystroke at a time,
 * with their keystrokes crossing on the network: the edits are concurrent.
 */
async function typeConcurrently(
  a: TestClient,
  b: TestClient,
  nodeName: string,
  index: number,
  wordA: string,
  wordB: string,
) {
  const fieldA = fieldText(findElements(a.doc, nodeName)[index]!)
  const fieldB = fieldText(findElements(b.doc, nodeName)[index]!)
  const caretA = new Caret(fieldA, fieldA.length)
  const caretB = new Caret(fieldB, fieldB.length)
  const max = Math.max(wordA.length, wordB.length)
  for (let i = 0; i < max; i++) {
    if (i < wordA.length) caretA.type(wordA[i]!)
    if (i < wordB.length) caretB.type(wordB[i]!)
    // let some keystrokes arrive in between, as at human typing speed
    if (i % 3 === 2) await new Promise((r) => setTimeout(r, 2))
  }
}

describe('two people typing in the same field at the same time both keep their words', () => {
  it('in the objectif global of a fiche action', async () => {
    const id = await importConvention(largeConvention())
    const [a, b] = await twoClients(id)
    // the objective's first paragraph holds the text
    const paragraphA = findElements(a.doc, 'ficheObjective')[2]!.get(0) as never
    const paragraphB = findElements(b.doc, 'ficheObjective')[2]!.get(0) as never
    const textA = fieldText(paragraphA)
    const textB = fieldText(paragraphB)
    const before = textA.toString()
    textA.insert(0, 'Claire écrit ici. ')
    textB.insert(textB.length, ' Élodie complète là.')
    const exported = await converged(id, a, b)
    const objective = (exported.content.filter((c) => c.type === 'ficheAction')[2] as FicheActionBlock).objective
    expect(objective).toContain('Claire écrit ici. ')
    expect(objective).toContain(' Élodie complète là.')
    expect(objective).toContain(before)
    a.destroy()
    b.destroy()
  })

  it('in the same title, the same indicator cell and the same signatory name, keystroke by keystroke', async () => {
    const id = await importConvention(largeConvention())
    const [a, b] = await twoClients(id)
    await typeConcurrently(a, b, 'ficheTitle', 0, ' — version Caf', ' — version EPCI')
    await typeConcurrently(a, b, 'indicatorTarget', 1, '12', '15')
    await typeConcurrently(a, b, 'signatoryName', 4, ' Dupont', ' Martin')
    const exported = await converged(id, a, b)
    const original = largeConvention()

    const title = (exported.content.find((c) => c.type === 'ficheAction') as FicheActionBlock).title
    const originalTitle = (original.content.find((c) => c.type === 'ficheAction') as FicheActionBlock).title
    expect(title.startsWith(originalTitle)).toBe(true)
    expect(title).toContain(' — version Caf')
    expect(title).toContain(' — version EPCI')

    const firstTable = exported.content.find((c) => c.type === 'indicatorTable') as IndicatorTableBlock
    const cells = firstTable.rows.flatMap((r) => r.years.map((y) => y.target.text))
    // the second target cell of the document now holds both numbers typed in it
    const originalCells = (
      original.content.find((c) => c.type === 'indicatorTable') as IndicatorTableBlock
    ).rows.flatMap((r) => r.years.map((y) => y.target.text))
    expect(cells[1]!.length).toBe(originalCells[1]!.length + 4)
    expect(cells[1]).toContain('12')
    expect(cells[1]).toContain('15')

    const names = exported.content.flatMap((c) => (c.type === 'signatoryBlock' ? c.signatories.map((s) => s.name) : []))
    expect(names[4]).toContain(' Dupont')
    expect(names[4]).toContain(' Martin')
    a.destroy()
    b.destroy()
  })
})

describe('structures edited at the same time all survive', () => {
  it('one adds key actions while the other adds rows and years; numbering is right on both', async () => {
    const id = await importConvention(largeConvention())
    const [a, b] = await twoClients(id)
    const before = yDocToConvention(a.doc)
    const fichesBefore = before.content.filter((c) => c.type === 'ficheAction') as FicheActionBlock[]
    const tableBefore = before.content.find((c) => c.type === 'indicatorTable') as IndicatorTableBlock

    // same turn: neither client has seen the other's change
    for (let i = 0; i < 3; i++) {
      editYDoc(a.doc, pmSchema, (tr) => addKeyAction(tr, pmSchema, positionsOfType(tr.doc, 'ficheAction')[1]!))
      editYDoc(b.doc, pmSchema, (tr) => addIndicatorRow(tr, pmSchema, positionsOfType(tr.doc, 'indicatorTable')[0]!))
    }
    editYDoc(b.doc, pmSchema, (tr) =>
      addIndicatorYear(tr, pmSchema, positionsOfType(tr.doc, 'indicatorTable')[0]!, 'end'),
    )
    // meanwhile the first adds a year before the period: the rows the other added miss it
    editYDoc(a.doc, pmSchema, (tr) =>
      addIndicatorYear(tr, pmSchema, positionsOfType(tr.doc, 'indicatorTable')[0]!, 'start'),
    )
    // and both add key actions to the same fiche
    editYDoc(a.doc, pmSchema, (tr) => addKeyAction(tr, pmSchema, positionsOfType(tr.doc, 'ficheAction')[0]!))
    editYDoc(b.doc, pmSchema, (tr) => addKeyAction(tr, pmSchema, positionsOfType(tr.doc, 'ficheAction')[0]!))

    const exported = await converged(id, a, b)
    const fiches = exported.content.filter((c) => c.type === 'ficheAction') as FicheActionBlock[]
    expect(fiches[1]!.keyActions).toHaveLength(fichesBefore[1]!.keyActions.length + 3)
    expect(fiches[1]!.keyActions.map((k) => k.number)).toEqual(fiches[1]!.keyActions.map((_, i) => `2.${i + 1}`))
    expect(fiches[0]!.keyActions).toHaveLength(fichesBefore[0]!.keyActions.length + 2)
    expect(fiches[0]!.keyActions.map((k) => k.number)).toEqual(fiches[0]!.keyActions.map((_, i) => `1.${i + 1}`))

    const table = exported.content.find((c) => c.type === 'indicatorTable') as IndicatorTableBlock
    expect(table.rows).toHaveLength(tableBefore.rows.length + 3)
    expect(table.period).toEqual({ start: tableBefore.period.start - 1, end: tableBefore.period.end + 1 })
    for (const row of table.rows) expect(row.years.at(-1)!.year).toBe(table.period.end)
    // the values typed before are still in their years
    expect(table.rows[0]!.years.slice(1, -1)).toEqual(tableBefore.rows[0]!.years)
    // rows added while the year was added got their cell for it from the server, on both clients
    for (const client of [a, b]) {
      await waitFor(() => {
        const rows = findElements(client.doc, 'indicatorTable')[0]!
          .toArray()
          .filter((r) => (r as Y.XmlElement).nodeName === 'indicatorRow')
        return rows.every((row) => {
          const years = (row as Y.XmlElement)
            .toArray()
            .filter((c) => (c as Y.XmlElement).nodeName === 'indicatorYear')
            .map((c) => Number((c as Y.XmlElement).getAttribute('year')))
          return JSON.stringify(years) === JSON.stringify(table.rows[0]!.years.map((y) => y.year))
        })
      }, 'every row has one cell per year')
    }
    a.destroy()
    b.destroy()
  })
})

describe('persistence', () => {
  it('a graceful stop closes the sockets, so that clients reconnect at once rather than after a timeout', async () => {
    const own = await startTestServer()
    const create = await own.api('/api/conventions', {
      method: 'POST',
      body: JSON.stringify({ title: 'CTG Arrêt', template: 'blank' }),
    })
    const { id } = (await create.json()) as { id: string }
    const client = await connectClient(own.wsUrl, id, await own.token())
    await own.stop()
    await waitFor(() => client.socket.status !== 'connected', 'the socket closes')
    client.destroy()
  })

  it('a convention survives a server restart', async () => {
    const own = await startTestServer()
    const create = await own.api('/api/conventions', {
      method: 'POST',
      body: JSON.stringify({ title: 'CTG Vallée', template: 'national' }),
    })
    const { id } = (await create.json()) as { id: string }
    const client = await connectClient(own.wsUrl, id, await own.token())
    const title = fieldText(findElements(client.doc, 'ficheTitle')[0]!)
    title.insert(0, 'Saisi avant le redémarrage — ')
    await client.settled()
    const before = yDocToConvention(client.doc)
    client.destroy()
    await own.stop()

    const again = await startTestServer({ dataDir: own.dataDir })
    const reconnected = await connectClient(again.wsUrl, id, await again.token())
    expect(yDocToConvention(reconnected.doc)).toEqual(before)
    const exported = (await (await again.api(`/api/conventions/${id}/export?format=json`)).json()) as Convention
    expect(exported).toEqual(draftExportOf(reconnected.doc))
    expect((exported.content.find((c) => c.type === 'ficheAction') as FicheActionBlock).title).toMatch(
      /^Saisi avant le redémarrage — /,
    )
    const list = (await (await again.api('/api/conventions')).json()) as {
      conventions: { id: string; title: string }[]
    }
    expect(list.conventions).toContainEqual(expect.objectContaining({ id, title: 'CTG Vallée' }))
    reconnected.destroy()
    await again.stop()
  })
})
