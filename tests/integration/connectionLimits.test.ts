import { Y_FRAGMENT_NAME } from '@ctg/shared'
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectClient, waitFor } from '../helpers/connectClient.js'
import { createConvention } from '../helpers/createConvention.js'
import { forkDoc } from '../helpers/forkDoc.js'
import { awarenessFrame, frame, MessageType, SyncStep, updateFrame } from '../helpers/protocolFrames.js'
import { openRawSocket, type RawSocket } from '../helpers/rawSocket.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { fieldText, findElements } from '../helpers/yFields.js'

const KiB = 1024
let server: TestServer

beforeAll(async () => {
  server = await startTestServer({
    env: {
      MAX_FRAME_BYTES: String(64 * KiB),
      MAX_UPDATE_BYTES: String(16 * KiB),
      MAX_AWARENESS_BYTES: String(2 * KiB),
      MESSAGE_BURST: '200',
      // a slow refill: a loaded machine that processes the messages of a burst slowly still
      // sees them faster than they refill (the budget is taken as each message is handled)
      MESSAGES_PER_SECOND: '5',
    },
  })
})
afterAll(async () => {
  await server.stop()
})

async function authenticatedSocket(id: string): Promise<RawSocket> {
  const socket = await openRawSocket(server.wsUrl)
  await socket.authenticate(id, await server.token())
  return socket
}

describe('frames and updates over their size limit close the socket', () => {
  it('a frame over MAX_FRAME_BYTES: 1009, before and after authentication', async () => {
    const id = await createConvention(server)
    const oversized = frame(id, MessageType.Stateless, (e) => encoding.writeVarString(e, 'x'.repeat(65 * KiB)))
    const anonymous = await openRawSocket(server.wsUrl)
    anonymous.send(oversized)
    expect((await anonymous.waitForClose()).code).toBe(1009)
    const authenticated = await authenticatedSocket(id)
    authenticated.send(oversized)
    expect((await authenticated.waitForClose()).code).toBe(1009)
  })

  it('a Yjs update over MAX_UPDATE_BYTES: 4413, and the document does not take it', async () => {
    const id = await createConvention(server)
    const reader = await connectClient(server.wsUrl, id, await server.token())
    const fork = forkDoc(reader.doc)
    const title = fieldText(findElements(fork.doc, 'ficheTitle')[0]!)
    title.insert(0, 'Collé depuis un autre document. '.repeat(700))
    const update = fork.merged()
    expect(update.byteLength).toBeGreaterThan(16 * KiB)
    expect(update.byteLength).toBeLessThan(64 * KiB)

    const socket = await authenticatedSocket(id)
    socket.send(updateFrame(id, update))
    expect(await socket.waitForClose()).toEqual({ code: 4413, reason: 'update too large' })
    // the same paste in pieces under the limit goes through
    const pasted = forkDoc(reader.doc)
    const pastedTitle = fieldText(findElements(pasted.doc, 'ficheTitle')[0]!)
    for (let i = 0; i < 4; i++) pastedTitle.insert(0, 'Collé en morceaux. '.repeat(200))
    const inPieces = await authenticatedSocket(id)
    for (const piece of pasted.updates) inPieces.send(updateFrame(id, piece))
    await waitFor(() => fieldText(findElements(reader.doc, 'ficheTitle')[0]!).toString().includes('Collé en morceaux'))
    expect(fieldText(findElements(reader.doc, 'ficheTitle')[0]!).toString()).not.toContain('autre document')
    expect(inPieces.closed).toBeNull()
    inPieces.ws.close()
    reader.destroy()
  })

  it('an awareness message over MAX_AWARENESS_BYTES: 4413', async () => {
    const id = await createConvention(server)
    const socket = await authenticatedSocket(id)
    socket.send(awarenessFrame(id, new Uint8Array(3 * KiB)))
    expect(await socket.waitForClose()).toEqual({ code: 4413, reason: 'awareness update too large' })
  })

  it('a frame whose payload is announced longer than it is: 4400', async () => {
    const id = await createConvention(server)
    const socket = await authenticatedSocket(id)
    socket.send(
      frame(id, MessageType.Sync, (e) => {
        encoding.writeVarUint(e, SyncStep.update)
        encoding.writeVarUint(e, 1000)
        encoding.writeUint8(e, 0)
      }),
    )
    expect(await socket.waitForClose()).toEqual({ code: 4400, reason: 'malformed message' })
  })
})

describe('a socket sending too many messages is closed, others are not', () => {
  it('past MESSAGE_BURST at once: 4429, while a person typing in the same document keeps going', async () => {
    const id = await createConvention(server)
    const typist = await connectClient(server.wsUrl, id, await server.token())
    const reader = await connectClient(server.wsUrl, id, await server.token())
    const flood = await authenticatedSocket(id)
    const query = frame(id, MessageType.QueryAwareness)
    for (let i = 0; i < 400 && flood.ws.readyState === flood.ws.OPEN; i++) flood.send(query)
    expect(await flood.waitForClose()).toEqual({ code: 4429, reason: 'too many messages' })

    // a fast typist: 40 keystrokes at about 50 per second, each an update and an awareness message
    const title = fieldText(findElements(typist.doc, 'ficheTitle')[0]!)
    for (const char of ' et la suite'.repeat(4).slice(0, 40)) {
      title.insert(title.length, char)
      typist.provider.setAwarenessField('caret', title.length)
      await new Promise((r) => setTimeout(r, 20))
    }
    await typist.settled()
    const expected = title.toString()
    await waitFor(() => fieldText(findElements(reader.doc, 'ficheTitle')[0]!).toString() === expected)
    expect(typist.provider.isAuthenticated).toBe(true)
    // the budget is the socket's: a new socket from the same address is served
    const next = await authenticatedSocket(id)
    expect(next.closed).toBeNull()
    next.ws.close()
    typist.destroy()
    reader.destroy()
  })

  it('a client that queued more than MESSAGE_BURST edits offline is closed once (4429), reconnects and loses nothing', async () => {
    const id = await createConvention(server)
    const writer = await connectClient(server.wsUrl, id, await server.token())
    const reader = await connectClient(server.wsUrl, id, await server.token())
    const closes: number[] = []
    writer.socket.on('close', ({ event }: { event: { code: number } }) => closes.push(event.code))
    writer.socket.disconnect()
    await waitFor(() => writer.socket.status === 'disconnected', 'the writer to go offline')
    // offline, the provider queues one message per keystroke and sends them all on reconnection
    const title = fieldText(findElements(writer.doc, 'ficheTitle')[0]!)
    for (let i = 0; i < 600; i++) title.insert(title.length, String(i % 10))
    const expected = title.toString()
    void writer.socket.connect()
    await waitFor(
      () => fieldText(findElements(reader.doc, 'ficheTitle')[0]!).toString() === expected,
      'every offline keystroke to reach the reader',
      60_000,
    )
    expect(closes).toContain(4429)
    writer.destroy()
    reader.destroy()
  }, 90_000)

  it('the document after a flood holds what the flood sent before the limit, and nothing after', async () => {
    const id = await createConvention(server)
    const reader = await connectClient(server.wsUrl, id, await server.token())
    const fork = forkDoc(reader.doc)
    const title = fieldText(findElements(fork.doc, 'ficheTitle')[0]!)
    const before = title.toString()
    for (let i = 0; i < 600; i++) title.insert(title.length, String(i % 10))
    const socket = await authenticatedSocket(id)
    for (const update of fork.updates) socket.send(updateFrame(id, update))
    expect((await socket.waitForClose()).code).toBe(4429)
    // updates are applied in order: what arrived is a prefix of what was typed, cut at the limit
    const readerTitle = () => fieldText(findElements(reader.doc, 'ficheTitle')[0]!).toString()
    // the socket is closed: what the server applied is final; wait until the reader has all of it
    const served = () =>
      fieldText(findElements(server.ctg.server.hocuspocus.documents.get(id)!, 'ficheTitle')[0]!).toString()
    await waitFor(() => readerTitle().length > before.length + 100 && readerTitle() === served())
    const typed = title.toString().slice(before.length)
    const received = readerTitle().slice(before.length)
    expect(typed.startsWith(received)).toBe(true)
    expect(received.length).toBeLessThan(typed.length)
    expect(reader.doc.getXmlFragment(Y_FRAGMENT_NAME).length).toBe(fork.doc.getXmlFragment(Y_FRAGMENT_NAME).length)
    reader.destroy()
  })
})
