import * as decoding from 'lib0/decoding'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '@ctg/shared'
import { captureWarnings } from '../helpers/captureWarnings.js'
import { connectClient, waitFor, type TestClient } from '../helpers/connectClient.js'
import { createConvention } from '../helpers/createConvention.js'
import { forkDoc } from '../helpers/forkDoc.js'
import { MessageType, SyncStep, syncFrame, updateFrame } from '../helpers/protocolFrames.js'
import { openRawSocket, type RawSocket } from '../helpers/rawSocket.js'
import { removeDir, startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { rawSyncStatuses } from '../helpers/syncStatuses.js'
import { findElements } from '../helpers/yFields.js'

/*
 * A change that waits, in the live document, for changes the server does not have (Yjs's
 * pending structs) is not in the document: storing it as it came put in the file what the
 * document could still drop (UpdateSandbox's `dropPending`), and the file then held, after
 * the next load, what no client and no live document had (chaos seeds 17 and 109: the stored
 * document ahead of three converged clients). Only what integrates is stored, with the update
 * that integrates it, and an edit is acknowledged once all of it is stored.
 */

let server: TestServer
/** the clients, closed at a restart; raw sockets stay, to read how they were closed */
const opened: TestClient[] = []
const sockets: RawSocket[] = []
afterEach(async () => {
  for (const client of opened.splice(0)) client.destroy()
  for (const socket of sockets.splice(0)) socket.ws.close()
  await server.stop()
  removeDir(server.dataDir)
})

const firstParagraph = (doc: Y.Doc) => findElements(doc, 'paragraph')[0]!.get(0) as Y.XmlText
const delta = (doc: Y.Doc) => JSON.stringify(firstParagraph(doc).toDelta())

async function rawSocket(id: string): Promise<RawSocket> {
  const socket = await openRawSocket(server.wsUrl)
  await socket.authenticate(id, await server.memberToken(id, { id: 'u-raw', name: 'Client brut' }))
  sockets.push(socket)
  return socket
}

async function client(id: string): Promise<TestClient> {
  const connected = await connectClient(server.wsUrl, id, await server.token())
  opened.push(connected)
  return connected
}

function isSyncStep(data: Uint8Array, step: number): boolean {
  const decoder = decoding.createDecoder(data)
  decoding.readVarString(decoder)
  return decoding.readVarUint(decoder) === MessageType.Sync && decoding.readVarUint(decoder) === step
}

/** Sends `update` alone (it depends on changes the server lacks) and waits for the server to ask for them. */
async function sendWaiting(socket: RawSocket, id: string, update: Uint8Array) {
  const from = socket.received.length
  socket.send(updateFrame(id, update))
  await waitFor(() => socket.received.slice(from).some((f) => isSyncStep(f, SyncStep.one)), 'a sync step 1')
}

/**
 * `count` one-character insertions at the start of the first paragraph by `clientID`, as one
 * update. Two such updates by different clients integrate in quadratic time (each insertion of
 * the higher client id passes all of the lower's): a check that lasts seconds.
 */
function prepends(source: Y.Doc, clientID: number, count: number): Uint8Array {
  const fork = forkDoc(source, clientID)
  fork.doc.transact(() => {
    for (let i = 0; i < count; i++) firstParagraph(fork.doc).insert(0, 'x')
  })
  return fork.merged()
}

/** The server stopped and started again on its files: what a new client finds is what was stored. */
async function restarted(id: string): Promise<TestClient> {
  for (const client of opened.splice(0)) client.destroy()
  await server.stop()
  server = await startTestServer({ dataDir: server.dataDir })
  return client(id)
}

describe('what waits for its dependencies is stored once it is in the document', () => {
  it('a waiting change the document dropped is not in the file: after a restart, the document every client had', async () => {
    server = await startTestServer()
    const id = await createConvention(server)
    const reader = await client(id)
    const fork = forkDoc(reader.doc, 3_100_001)
    firstParagraph(fork.doc).insert(0, 'abc ')
    // a mark the schema forbids, on text the server does not have yet: it waits
    firstParagraph(fork.doc).format(0, 3, { blink: true })
    const socket = await rawSocket(id)
    await sendWaiting(socket, id, fork.updates[1]!)
    const warnings = captureWarnings()
    try {
      // its dependency comes: together they are refused, so the waiting mark is dropped and the text taken
      socket.send(updateFrame(id, fork.updates[0]!))
      await waitFor(() => firstParagraph(reader.doc).toString().startsWith('abc '), 'the dependency to be taken')
      await waitFor(() => warnings.lines.some((w) => w.includes('dropped changes waiting')), 'the mark dropped')
    } finally {
      warnings.stop()
    }
    const live = delta(reader.doc)
    expect(live).not.toContain('blink')
    const later = await restarted(id)
    expect(delta(later.doc)).toBe(live)
    // its sender was never told it was saved, and was told to sync again (before the restart closed the rest)
    expect(rawSyncStatuses(socket)).not.toContain(true)
    expect(socket.closed).toMatchObject({ code: CloseCode.reset })
  })

  it('an update whose document was unloaded while it was checked is not stored: after a restart, the live document', async () => {
    // a check of seconds, within the limits: 12,000 inserts concurrent with 4,000 at one place
    // (with 4,000 the check ended before the new copy loaded, on a quiet machine)
    server = await startTestServer({ env: { UPDATE_TIMEOUT_MS: '300000', UPDATE_CPU_MS_PER_SECOND: '100000' } })
    const id = await createConvention(server)
    const seed = await client(id)
    const first = prepends(seed.doc, 1_000_001, 4_000)
    const second = prepends(seed.doc, 2_000_002, 12_000)
    seed.destroy()
    const socket = await rawSocket(id)
    socket.send(updateFrame(id, first))
    await waitFor(() => rawSyncStatuses(socket).length === 1, 'the first update acknowledged', 60_000)
    const { hocuspocus } = server.ctg.server
    const guard = hocuspocus.configuration.extensions.find((e) => e.extensionName === 'UpdateGuard') as unknown as {
      checking: boolean
    }
    socket.send(updateFrame(id, second))
    await waitFor(() => guard.checking, 'the check of the second update starts')
    // its sender goes away while it is checked: the last socket, so the document is unloaded
    socket.ws.close()
    const loaded = hocuspocus.documents.get(id)
    await waitFor(() => hocuspocus.documents.get(id) !== loaded, 'the document unloaded', 60_000)
    // someone opens the convention: a new copy, loaded from storage
    const reader = await client(id)
    expect(guard.checking, 'the second update is still being checked').toBe(true)
    await waitFor(() => !guard.checking, 'the check to end', 240_000)
    // what the check ended with is in the live copy, or nowhere: never in the file alone
    await waitFor(() => firstParagraph(reader.doc).length >= 4_000, 'the first update in the new copy')
    const live = firstParagraph(reader.doc).toString()
    const later = await restarted(id)
    expect(firstParagraph(later.doc).toString()).toBe(live)
  }, 300_000)

  it('an edit that waits is acknowledged once its dependencies came and it is stored, and survives a restart', async () => {
    server = await startTestServer()
    const id = await createConvention(server)
    const reader = await client(id)
    const fork = forkDoc(reader.doc, 3_100_002)
    firstParagraph(fork.doc).insert(0, 'envoyé ensuite ')
    firstParagraph(fork.doc).insert(0, 'attend ')
    const socket = await rawSocket(id)
    await sendWaiting(socket, id, fork.updates[1]!)
    // an edit of another client over the same socket, independent: acknowledged in order, after the waiting one
    const other = forkDoc(reader.doc, 3_100_003)
    firstParagraph(other.doc).insert(firstParagraph(other.doc).length, ' indépendant')
    socket.send(updateFrame(id, other.updates[0]!))
    await waitFor(() => firstParagraph(reader.doc).toString().endsWith(' indépendant'), 'the other edit')
    // someone else's edit acknowledged: storage committed past the other edit; a sync step 1 of the
    // raw socket answered: every acknowledgement sent before is received
    const witness = await rawSocket(id)
    const third = forkDoc(reader.doc, 3_100_004)
    firstParagraph(third.doc).insert(firstParagraph(third.doc).length, ' témoin')
    witness.send(updateFrame(id, third.updates[0]!))
    await waitFor(() => rawSyncStatuses(witness).length > 0, 'the witness acknowledged')
    const fromAnswer = socket.received.length
    socket.send(syncFrame(id, SyncStep.one, Y.encodeStateVector(new Y.Doc())))
    await waitFor(() => socket.received.slice(fromAnswer).some((f) => isSyncStep(f, SyncStep.two)), 'a sync step 2')
    expect(rawSyncStatuses(socket), 'nothing acknowledged while the first edit waits').toEqual([])
    socket.send(updateFrame(id, fork.updates[0]!))
    await waitFor(() => rawSyncStatuses(socket).length === 3, 'the three updates acknowledged')
    expect(rawSyncStatuses(socket)).toEqual([true, true, true])
    const live = delta(reader.doc)
    expect(live).toContain('attend envoyé ensuite ')
    const later = await restarted(id)
    expect(delta(later.doc)).toBe(live)
  })
})
