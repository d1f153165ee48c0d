import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { captureWarnings } from '../helpers/captureWarnings.js'
import { connectClient, waitFor, type TestClient } from '../helpers/connectClient.js'
import { createConvention } from '../helpers/createConvention.js'
import { forkDoc } from '../helpers/forkDoc.js'
import { MessageType, SyncStep, updateFrame } from '../helpers/protocolFrames.js'
import { openRawSocket, type RawSocket } from '../helpers/rawSocket.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { fieldText, findElements } from '../helpers/yFields.js'

const UPDATE_TIMEOUT_MS = 1500
let server: TestServer

beforeAll(async () => {
  server = await startTestServer({ env: { UPDATE_TIMEOUT_MS: String(UPDATE_TIMEOUT_MS) } })
})
afterAll(async () => {
  await server.stop()
})

async function authenticatedSocket(id: string): Promise<RawSocket> {
  const socket = await openRawSocket(server.wsUrl)
  await socket.authenticate(id, await server.memberToken(id, { id: 'u-raw', name: 'Client brut' }))
  return socket
}

/** The text of the first paragraph: a Y.XmlText every template has. */
const firstParagraph = (doc: Y.Doc) => findElements(doc, 'paragraph')[0]!.get(0) as Y.XmlText

/**
 * `count` one-character insertions at the start of the first paragraph, by `clientID`,
 * as one update: each has no left origin and the previous one as right origin.
 */
function prepends(source: Y.Doc, clientID: number, count: number): Uint8Array {
  const fork = forkDoc(source, clientID)
  const text = firstParagraph(fork.doc)
  fork.doc.transact(() => {
    for (let i = 0; i < count; i++) text.insert(0, 'x')
  })
  return fork.merged()
}

/** Whether a frame from the server is a sync step 1 (the server's state vector). */
function isSyncStepOne(data: Uint8Array): boolean {
  const decoder = decoding.createDecoder(data)
  decoding.readVarString(decoder)
  return decoding.readVarUint(decoder) === MessageType.Sync && decoding.readVarUint(decoder) === SyncStep.one
}

/**
 * Two edits of the first paragraph by a client the server never heard of, the second
 * depending on the first; its second update is sent alone over a raw socket, and resolves
 * once the server answered it with a sync step 1 (its state vector, asking for what it lacks).
 */
async function sendDependentFirst(id: string, clientID: number, edit: (text: Y.XmlText) => void) {
  const reader = await connectClient(server.wsUrl, id, await server.token())
  const fork = forkDoc(reader.doc, clientID)
  edit(firstParagraph(fork.doc))
  const socket = await authenticatedSocket(id)
  const from = socket.received.length
  socket.send(updateFrame(id, fork.updates[1]!))
  await waitFor(() => socket.received.slice(from).some(isSyncStepOne), 'a sync step 1 from the server')
  return { reader, socket, dependency: fork.updates[0]! }
}

/** Someone keeps working in the document: types in a title, and another person sees it. */
async function stillEditing(typist: TestClient, reader: TestClient, word: string, timeoutMs: number) {
  const title = fieldText(findElements(typist.doc, 'ficheTitle')[0]!)
  title.insert(title.length, word)
  await waitFor(
    () => fieldText(findElements(reader.doc, 'ficheTitle')[0]!).toString().endsWith(word),
    `"${word}" to reach the other client`,
    timeoutMs,
  )
}

describe('crafted updates cannot freeze the server', () => {
  it('an update claiming four billion structs in a few bytes (the shape of yjs#687) is refused at once: 4400', async () => {
    const id = await createConvention(server)
    const bomb = encoding.createEncoder()
    encoding.writeVarUint(bomb, 1) // one client
    encoding.writeVarUint(bomb, 2 ** 32 - 1) // structs announced
    encoding.writeVarUint(bomb, 7) // client id
    encoding.writeVarUint(bomb, 0) // first clock, then nothing
    const socket = await authenticatedSocket(id)
    socket.send(updateFrame(id, encoding.toUint8Array(bomb)))
    // refused because its bytes ran out (4400), not stopped by the watchdog (4413)
    expect(await socket.waitForClose()).toEqual({ code: 4400, reason: 'malformed update' })
  })

  it('concurrent insertions at one position that take minutes to integrate are stopped after UPDATE_TIMEOUT_MS (4413), while others keep editing', async () => {
    const warnings = captureWarnings()
    const id = await createConvention(server)
    const typist = await connectClient(
      server.wsUrl,
      id,
      await server.memberToken(id, { id: 'u-caf', name: 'Claire (Caf)' }),
    )
    const reader = await connectClient(
      server.wsUrl,
      id,
      await server.memberToken(id, { id: 'u-epci', name: 'Élodie (EPCI)' }),
    )
    const paragraphBefore = firstParagraph(reader.doc).toString()
    // 20,000 insertions before the same character by a low client id, then as many by a
    // higher one: each of the second integrates past all of the first (YATA), 4·10⁸ steps
    // for 350 KB, about a minute of one core on this machine
    const first = prepends(reader.doc, 1_000_001, 20_000)
    const second = prepends(reader.doc, 2_000_002, 20_000)
    expect(second.byteLength).toBeLessThan(200_000)

    const socket = await authenticatedSocket(id)
    socket.send(updateFrame(id, first))
    await waitFor(() => firstParagraph(reader.doc).length === paragraphBefore.length + 20_000, 'the first update')
    socket.send(updateFrame(id, second))

    // while the replica works on it, the server answers HTTP and carries others' edits; applied on
    // the main thread, the update would hold both for about a minute
    // wait until the worker has the update (not a fixed time), so that what follows runs during its check
    const guard = server.ctg.server.hocuspocus.configuration.extensions.find(
      (e) => e.extensionName === 'UpdateGuard',
    ) as unknown as { checking: boolean }
    await waitFor(() => guard.checking, 'the check of the second update starts')
    const requestedAt = performance.now()
    expect((await server.api('/api/me')).status).toBe(200)
    expect(performance.now() - requestedAt).toBeLessThan(5000)
    // the check is stopped once the worker has used UPDATE_TIMEOUT_MS of CPU time: on a busy machine
    // that takes several times as long in wall time, and the new worker then compiles its modules
    // (the 4413 and the restart below tell a stopped check from one that ran its minute)
    await stillEditing(typist, reader, ' (pendant)', 60_000)

    expect(await socket.waitForClose(60_000)).toEqual({ code: 4413, reason: 'update too costly' })
    expect(warnings.lines.join('\n')).toMatch(/update sandbox restarted: check ran over 1500 ms of CPU time/)
    expect(warnings.lines.join('\n')).toMatch(/refused an update from u-raw \(4413\)/)
    warnings.stop()

    // the document holds the first update and never saw the second; editing goes on as before
    await stillEditing(typist, reader, ' (après)', 5000)
    expect(firstParagraph(reader.doc).length).toBe(paragraphBefore.length + 20_000)
    const later = await connectClient(server.wsUrl, id, await server.token())
    expect(firstParagraph(later.doc).toString()).toBe(firstParagraph(reader.doc).toString())
    for (const client of [typist, reader, later]) client.destroy()
  }, 180_000)

  it('updates checked right after a refused one (whose replica is dropped) are still accepted', async () => {
    const id = await createConvention(server)
    const reader = await connectClient(server.wsUrl, id, await server.token())
    const refused = forkDoc(reader.doc, 4_000_004)
    refused.doc.getXmlFragment('default').insert(0, [new Y.XmlElement('marquee')])
    const honest = forkDoc(reader.doc, 5_000_005)
    const text = firstParagraph(honest.doc)
    for (const word of ['un ', 'deux ', 'trois ']) text.insert(0, word)
    const [bad, good] = [await authenticatedSocket(id), await authenticatedSocket(id)]
    // sent together: the honest checks are queued in the worker behind the refused one
    bad.send(updateFrame(id, refused.merged()))
    for (const update of honest.updates) good.send(updateFrame(id, update))
    expect((await bad.waitForClose()).code).toBe(4422)
    await waitFor(() => firstParagraph(reader.doc).toString().startsWith('trois deux un '), 'the honest updates')
    expect(good.closed).toBeNull()
    good.ws.close()
    reader.destroy()
  })

  it('what waited for its dependencies is checked when they come: a forbidden mark is dropped, the dependencies are taken', async () => {
    const id = await createConvention(server)
    const { reader, socket, dependency } = await sendDependentFirst(id, 3_000_004, (text) => {
      text.insert(0, 'abc ')
      text.format(0, 3, { blink: true })
    })
    const warnings = captureWarnings()
    try {
      socket.send(updateFrame(id, dependency))
      await waitFor(() => firstParagraph(reader.doc).toString().startsWith('abc '), 'the dependencies to be taken')
      await waitFor(
        () => warnings.lines.some((w) => w.includes('dropped changes waiting')),
        'the waiting mark to be dropped',
      )
    } finally {
      warnings.stop()
    }
    // its sender, whose mark was dropped unsaved, is told to sync again (pendingStorage.test.ts)
    expect(await socket.waitForClose()).toMatchObject({ code: 4205 })
    const later = await connectClient(server.wsUrl, id, await server.token())
    expect(JSON.stringify(firstParagraph(later.doc).toDelta())).not.toContain('blink')
    expect(later.doc.store.pendingStructs).toBeNull()
    socket.ws.close()
    for (const client of [reader, later]) client.destroy()
  })

  it('an update that depends on changes the server lacks waits for them, the socket stays open and is asked for them', async () => {
    const id = await createConvention(server)
    const { reader, socket, dependency } = await sendDependentFirst(id, 3_000_003, (text) => {
      text.insert(0, 'envoyé ensuite ')
      text.insert(0, 'dépend du précédent ')
    })
    expect(firstParagraph(reader.doc).toString()).not.toContain('dépend du précédent')
    socket.send(updateFrame(id, dependency))
    await waitFor(
      () => firstParagraph(reader.doc).toString().startsWith('dépend du précédent envoyé ensuite '),
      'both updates to reach the other client',
    )
    expect(socket.closed).toBeNull()
    const later = await connectClient(server.wsUrl, id, await server.token())
    expect(firstParagraph(later.doc).toString()).toBe(firstParagraph(reader.doc).toString())
    expect(later.doc.store.pendingStructs).toBeNull()
    socket.ws.close()
    for (const client of [reader, later]) client.destroy()
  })
})
