import { checkConvention } from '@ctg/server'
import { Y_FRAGMENT_NAME, yDocToConvention, type IndicatorTableBlock } from '@ctg/shared'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { largeConvention } from '../fixtures/conventionFixtures.js'
import { captureWarnings } from '../helpers/captureWarnings.js'
import { connectClient, waitFor, type TestClient } from '../helpers/connectClient.js'
import { createConvention } from '../helpers/createConvention.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { fieldText, findElements } from '../helpers/yFields.js'

/**
 * A client with write access that builds Yjs changes by hand instead of going through
 * the editor: its provider sends whatever its Y.Doc does.
 */
let server: TestServer
let warnings: ReturnType<typeof captureWarnings>
const clients: TestClient[] = []

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server.stop()
})
afterEach(() => {
  warnings?.stop()
  for (const client of clients.splice(0)) client.destroy()
})

async function open(id: string, user = { id: 'u-raw', name: 'Client brut' }): Promise<TestClient> {
  const client = await connectClient(server.wsUrl, id, await server.memberToken(id, user))
  clients.push(client)
  return client
}

/** The closing code and reason the server ends a provider's socket with. */
function closeOf(client: TestClient): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    client.socket.on('close', ({ event }: { event: { code: number; reason: string } }) =>
      resolve({ code: event.code, reason: event.reason }),
    ),
  )
}

/** A convention, a raw client and a reader connected to it, and what the reader held before. */
async function rawAndReader() {
  warnings = captureWarnings()
  const id = await createConvention(server, largeConvention())
  const raw = await open(id)
  const reader = await open(id, { id: 'u-reader', name: 'Lectrice' })
  return { id, raw, reader, before: yDocToConvention(reader.doc) }
}

function text(element: Y.XmlElement): string {
  return element.toString().replace(/<[^>]*>/g, '')
}

describe('updates that break the schema, from a client outside the editor', () => {
  it('a fiche action without its fields gets empty ones, and its text and every other block are kept', async () => {
    const { raw, reader, before } = await rawAndReader()
    // y-prosemirror deletes an element with invalid content as soon as an editor receives it:
    // the repair must reach readers in the same update as the fiche
    const seenIncomplete: number[] = []
    reader.doc.on('afterTransaction', () => {
      for (const f of findElements(reader.doc, 'ficheAction')) if (f.length !== 11) seenIncomplete.push(f.length)
    })

    // a fiche with a title only, and a key action with a label only, added at the end
    const title = new Y.XmlElement('ficheTitle')
    title.insert(0, [new Y.XmlText('Fiche envoyée sans ses champs')])
    const label = new Y.XmlElement('keyActionLabel')
    label.insert(0, [new Y.XmlText('Action sans pilote')])
    const keyAction = new Y.XmlElement('keyAction')
    keyAction.insert(0, [label])
    const keyActions = new Y.XmlElement('ficheKeyActions')
    keyActions.insert(0, [keyAction])
    const fiche = new Y.XmlElement('ficheAction')
    fiche.insert(0, [title, keyActions])
    const fragment = raw.doc.getXmlFragment(Y_FRAGMENT_NAME)
    fragment.insert(fragment.length, [fiche])
    await raw.settled()

    const fiches = before.content.filter((block) => block.type === 'ficheAction').length
    await waitFor(
      () => findElements(reader.doc, 'ficheAction').length > fiches && checkConvention(reader.doc).length === 0,
      'the reader to hold the fiche, repaired',
    )
    expect(warnings.lines.join('\n')).toMatch(/repaired 10 missing field\(s\)/)
    expect(warnings.lines.join('\n')).toMatch(/repaired 2 missing or duplicate id\(s\)/)
    const after = yDocToConvention(reader.doc)
    expect(after.content.at(-1)).toMatchObject({
      type: 'ficheAction',
      title: 'Fiche envoyée sans ses champs',
      objective: '',
      keyActions: [{ label: 'Action sans pilote', pilot: '' }],
    })
    expect(after.content.slice(0, -1)).toEqual(before.content)
    // the fields were added to the fiche the client sent, not to a copy of it
    expect(seenIncomplete).toEqual([])
    expect(fiche.length).toBe(11)
    expect(fiche.get(0)).toBe(title)
    expect(findElements(raw.doc, 'ficheAction').at(-1)).toBe(fiche)
  })

  it('an unknown node type is refused (4422, logged) and the document stays as it was', async () => {
    const { id, raw, before } = await rawAndReader()
    const closed = closeOf(raw)
    const marquee = new Y.XmlElement('marquee')
    marquee.insert(0, [new Y.XmlText('Texte qui défile')])
    raw.doc.transact(() => {
      // a valid edit in the same update is refused with it: an update is taken whole or not at all
      fieldText(findElements(raw.doc, 'ficheTitle')[0]!).insert(0, 'Titre modifié ')
      raw.doc.getXmlFragment(Y_FRAGMENT_NAME).insert(1, [marquee])
    })
    expect(await closed).toEqual({ code: 4422, reason: 'update refused: unknown node type "marquee"' })
    raw.provider.destroy()
    expect(warnings.lines.join('\n')).toMatch(/refused an update from u-raw \(4422\): .*"marquee"/)
    const later = await open(id, { id: 'u-later', name: 'Arrivée après' })
    expect(yDocToConvention(later.doc)).toEqual(before)
    expect(checkConvention(later.doc)).toEqual([])
  })

  it('an unknown mark, or content of the wrong kind in a text or an element, is refused (4422)', async () => {
    const id = await createConvention(server, largeConvention())
    const reader = await open(id, { id: 'u-reader', name: 'Lectrice' })
    const before = yDocToConvention(reader.doc)
    const cases: [string, (doc: Y.Doc) => void, string][] = [
      [
        'mark',
        (doc) => fieldText(findElements(doc, 'ficheTitle')[0]!).format(0, 4, { blink: true }),
        'unknown mark "blink"',
      ],
      [
        'embed',
        (doc) => fieldText(findElements(doc, 'ficheTitle')[0]!).insertEmbed(0, { image: 'x.png' }),
        'text holding something else than text',
      ],
      [
        'value',
        (doc) => (doc.getXmlFragment(Y_FRAGMENT_NAME) as unknown as Y.Array<unknown>).insert(0, ['texte brut']),
        'element holding something else than nodes',
      ],
      [
        // a reason quoting what the client sent is cut to the 123 bytes a close frame carries
        'long name',
        (doc) => doc.getXmlFragment(Y_FRAGMENT_NAME).insert(0, [new Y.XmlElement('é'.repeat(100))]),
        `unknown node type "${'é'.repeat(44)}`,
      ],
    ]
    for (const [, change, reason] of cases) {
      const raw = await open(id)
      const closed = closeOf(raw)
      change(raw.doc)
      expect(await closed).toEqual({ code: 4422, reason: `update refused: ${reason}` })
      raw.provider.destroy()
    }
    const later = await open(id, { id: 'u-later', name: 'Arrivée après' })
    expect(yDocToConvention(later.doc)).toEqual(before)
    expect(yDocToConvention(reader.doc)).toEqual(before)
  })

  it('indicator rows with too few years get empty cells, a cell outside the period is kept, values stay in their year', async () => {
    const { raw, reader } = await rawAndReader()
    const tableIndex = yDocToConvention(reader.doc).content.findIndex((b) => b.type === 'indicatorTable')
    const table = () => yDocToConvention(reader.doc).content[tableIndex] as IndicatorTableBlock
    const before = table()
    const { start, end } = before.period
    const row = findElements(raw.doc, 'indicatorRow')[0]!
    const yearCells = () => row.toArray().filter((c) => c instanceof Y.XmlElement && c.nodeName === 'indicatorYear')
    const secondYear = yearCells()[1] as Y.XmlElement
    const secondYearText = text(secondYear)
    raw.doc.transact(() => {
      // drop the first and the last year of the first row, add one after the period with a value
      row.delete(row.toArray().indexOf(yearCells().at(-1)!), 1)
      row.delete(row.toArray().indexOf(yearCells()[0]!), 1)
      const outside = new Y.XmlElement('indicatorYear')
      outside.setAttribute('year', (end + 1) as never)
      const target = new Y.XmlElement('indicatorTarget')
      target.insert(0, [new Y.XmlText('hors période')])
      outside.insert(0, [target, new Y.XmlElement('indicatorReached')])
      row.insert(row.length, [outside])
      // and a new row with no field and no cell
      findElements(raw.doc, 'indicatorTable')[0]!.insert(2, [new Y.XmlElement('indicatorRow')])
    })
    await raw.settled()

    await waitFor(
      () => table().rows.length > before.rows.length && checkConvention(reader.doc).length === 0,
      'the reader to hold the new row, repaired',
    )
    expect(warnings.lines.join('\n')).toMatch(/repaired 4 missing field\(s\)/)
    const after = table()
    expect(after.rows).toHaveLength(before.rows.length + 1)
    expect(after.rows[0]!.years.map((y) => y.year)).toEqual(before.rows[0]!.years.map((y) => y.year))
    expect(after.rows[0]!.years[0]!.target.text).toBe('')
    expect(after.rows[0]!.years[1]!.target.text + after.rows[0]!.years[1]!.reached.text).toBe(secondYearText)
    expect(after.rows[0]!.years.at(-1)!.target.text).toBe('')
    expect(after.rows[1]!.years).toHaveLength(end - start + 1)
    expect(after.rows.slice(2)).toEqual(before.rows.slice(1))
    const readerRow = findElements(reader.doc, 'indicatorRow')[0]!
    expect(readerRow.toArray().some((c) => c instanceof Y.XmlElement && text(c) === 'hors période')).toBe(true)
  })
})
