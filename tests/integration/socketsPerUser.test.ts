import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { waitFor } from '../helpers/connectClient.js'
import { createConvention } from '../helpers/createConvention.js'
import * as Y from 'yjs'
import { SyncStep, syncFrame } from '../helpers/protocolFrames.js'
import { openRawSocket, type RawSocket } from '../helpers/rawSocket.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'

let server: TestServer
const opened: RawSocket[] = []

beforeAll(async () => {
  // the default MAX_SOCKETS_PER_USER (20)
  server = await startTestServer()
})
afterAll(async () => {
  for (const socket of opened) socket.ws.terminate()
  await server.stop()
})

/** True when the socket answers a sync step 1 (it is open and serving), false when it was closed. */
async function answersSync(socket: RawSocket, conventionId: string): Promise<boolean> {
  const from = socket.received.length
  socket.send(syncFrame(conventionId, SyncStep.one, Y.encodeStateVector(new Y.Doc())))
  await waitFor(() => socket.closed !== null || socket.received.length > from, 'a sync answer or a close')
  return socket.closed === null
}

async function authenticatedSocket(conventionId: string, token: string): Promise<RawSocket> {
  const socket = await openRawSocket(server.wsUrl)
  opened.push(socket)
  await socket.authenticate(conventionId, token)
  return socket
}

describe('sockets per user (MAX_SOCKETS_PER_USER)', () => {
  it("a user's 21st authenticated socket is closed with 4429, the first 20 stay, others are not affected", async () => {
    const id = await createConvention(server)
    const camille = await server.memberToken(id, { id: 'u-camille', name: 'Camille' }, 'editor')
    const first: RawSocket[] = []
    for (let i = 0; i < 20; i++) first.push(await authenticatedSocket(id, camille))

    const extra = await authenticatedSocket(id, camille)
    expect(await extra.waitForClose()).toEqual({ code: 4429, reason: 'too many connections' })
    expect(first.filter((s) => s.closed !== null)).toEqual([])

    // somebody else still connects
    const paul = await server.memberToken(id, { id: 'u-paul', name: 'Paul' }, 'reader')
    const other = await authenticatedSocket(id, paul)
    expect(other.closed).toBeNull()

    // a closed socket frees its place (once the server has seen the close: try until it has)
    first[0]!.ws.close()
    await waitFor(() => first[0]!.closed !== null, 'the first socket to close')
    let accepted: RawSocket | undefined
    for (let attempt = 0; attempt < 50 && !accepted; attempt++) {
      const candidate = await authenticatedSocket(id, camille)
      if (await answersSync(candidate, id)) accepted = candidate
    }
    expect(accepted).toBeDefined()
    expect(await answersSync(accepted!, id)).toBe(true)
    expect(first.slice(1).filter((s) => s.closed !== null)).toEqual([])
  })

  it('a socket that closes before the setup of its connection ends does not keep a place', async () => {
    const id = await createConvention(server)
    const token = await server.memberToken(id, { id: 'u-mathis', name: 'Mathis' }, 'editor')
    // FreezeGuard's `connected` hook looks the convention's status up before the count: that lookup
    // is held, as a loaded database would hold it (the one of authentication, told by its stack, is not)
    const versions = server.ctg.store.versions
    const lifecycle = versions.lifecycle.bind(versions)
    let release: () => void = () => undefined
    const released = new Promise<void>((resolve) => (release = resolve))
    versions.lifecycle = async (conventionId) => {
      if (new Error().stack?.includes('FreezeGuard.connected')) await released
      return lifecycle(conventionId)
    }
    try {
      const early: RawSocket[] = []
      for (let i = 0; i < 20; i++) early.push(await authenticatedSocket(id, token))
      for (const socket of early) socket.ws.close()
      await waitFor(() => early.every((socket) => socket.closed !== null), 'the early sockets to close')
      await waitFor(
        () => (server.ctg.server.hocuspocus.documents.get(id)?.getConnectionsCount() ?? 0) === 0,
        'the server to see them closed',
      )
    } finally {
      versions.lifecycle = lifecycle
      release()
    }
    // their hooks end now; none of them may count: twenty new sockets all stay
    const later: RawSocket[] = []
    for (let i = 0; i < 20; i++) later.push(await authenticatedSocket(id, token))
    for (const socket of later) expect(await answersSync(socket, id)).toBe(true)
  })
})
