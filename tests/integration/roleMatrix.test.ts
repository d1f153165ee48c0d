import { Y_FRAGMENT_NAME } from '@ctg/shared'
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { captureWarnings } from '../helpers/captureWarnings.js'
import { connectClient, waitFor, type TestClient } from '../helpers/connectClient.js'
import { createConvention } from '../helpers/createConvention.js'
import { forkDoc } from '../helpers/forkDoc.js'
import { awarenessFrame, frame, MessageType, updateFrame } from '../helpers/protocolFrames.js'
import { openRawSocket, type RawSocket } from '../helpers/rawSocket.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { rawSyncStatuses } from '../helpers/syncStatuses.js'
import { findElements } from '../helpers/yFields.js'

type Who = 'owner' | 'editor' | 'commenter' | 'reader' | 'stranger'
type Action =
  | 'open'
  | 'edit'
  | 'awareness'
  | 'stateless'
  | 'list'
  | 'get'
  | 'create'
  | 'export'
  | 'members'
  | 'share'
  | 'changeRole'
  | 'revoke'
  | 'activity'

const PEOPLE: Record<Who, { id: string; name: string }> = {
  owner: { id: 'u-test', name: 'Testeuse' },
  editor: { id: 'u-editor', name: 'Élodie Rédactrice' },
  commenter: { id: 'u-commenter', name: 'Camille Commentatrice' },
  reader: { id: 'u-reader', name: 'Louis Lecteur' },
  stranger: { id: 'u-stranger', name: 'Sam Étranger' },
}

/**
 * What each person may do: `true` allowed, `false` refused. Over HTTP a refusal is 403 for a
 * member and 404 for a stranger (existence does not leak); over WebSocket a stranger is
 * refused at authentication, a read-only member's update is dropped and its stateless
 * message closes the socket (4403).
 */
const ALLOWED: Record<Action, Record<Who, boolean>> = {
  open: { owner: true, editor: true, commenter: true, reader: true, stranger: false },
  edit: { owner: true, editor: true, commenter: false, reader: false, stranger: false },
  awareness: { owner: true, editor: true, commenter: true, reader: true, stranger: false },
  stateless: { owner: true, editor: true, commenter: false, reader: false, stranger: false },
  list: { owner: true, editor: true, commenter: true, reader: true, stranger: false },
  get: { owner: true, editor: true, commenter: true, reader: true, stranger: false },
  create: { owner: true, editor: true, commenter: true, reader: true, stranger: true },
  export: { owner: true, editor: true, commenter: true, reader: true, stranger: false },
  members: { owner: true, editor: true, commenter: true, reader: true, stranger: false },
  share: { owner: true, editor: false, commenter: false, reader: false, stranger: false },
  changeRole: { owner: true, editor: false, commenter: false, reader: false, stranger: false },
  revoke: { owner: true, editor: false, commenter: false, reader: false, stranger: false },
  activity: { owner: true, editor: false, commenter: false, reader: false, stranger: false },
}

const CASES = Object.entries(ALLOWED).flatMap(([action, byWho]) =>
  Object.entries(byWho).map(([who, allowed]) => ({ action: action as Action, who: who as Who, allowed })),
)

let server: TestServer

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server.stop()
})

/** A convention owned by the default test user, with one member of each other role, and a spare reader. */
async function conventionWithMembers(): Promise<string> {
  const id = await createConvention(server)
  for (const who of ['editor', 'commenter', 'reader'] as const) await server.memberToken(id, PEOPLE[who], who)
  await server.memberToken(id, { id: 'u-spare', name: 'Réserve' }, 'reader')
  return id
}

/** Opens a raw socket and sends the token; resolves with the socket and the server's answer. */
async function rawConnection(id: string, who: Who): Promise<{ socket: RawSocket; answer: string }> {
  const socket = await openRawSocket(server.wsUrl)
  try {
    await socket.authenticate(id, await server.token(PEOPLE[who]))
    return { socket, answer: 'authenticated' }
  } catch (error) {
    return { socket, answer: (error as Error).message }
  }
}

const paragraphText = (doc: Y.Doc) => (findElements(doc, 'paragraph')[0]!.get(0) as Y.XmlText).toString()

/** The stored document (snapshot and log), as a Y.Doc. */
async function storedDoc(id: string): Promise<Y.Doc> {
  const stored = (await server.ctg.store.readDocument(id))!
  const doc = new Y.Doc({ gc: false })
  Y.applyUpdate(doc, stored.snapshot)
  for (const entry of stored.updates) Y.applyUpdate(doc, entry.update)
  return doc
}

async function webSocketAction(action: Action, who: Who, id: string, observer: TestClient): Promise<boolean> {
  const { socket, answer } = await rawConnection(id, who)
  const warnings = captureWarnings()
  try {
    if (answer !== 'authenticated') {
      expect(answer).toContain('forbidden')
      return false
    }
    if (action === 'open') return true
    if (action === 'edit') {
      const marker = `MATRICE-${who}`
      const fork = forkDoc(observer.doc)
      fork.doc.transact(() => (findElements(fork.doc, 'paragraph')[0]!.get(0) as Y.XmlText).insert(0, marker))
      socket.send(updateFrame(id, fork.merged()))
      // Hocuspocus answers every update with SyncStatus (true applied, false refused): wait for
      // that answer rather than a fixed time, then for an applied edit to reach the observer
      await waitFor(() => rawSyncStatuses(socket).length > 0, 'the answer to the edit')
      const seen = rawSyncStatuses(socket)[0]!
      if (seen) await waitFor(() => paragraphText(observer.doc).includes(marker), 'the edit at the observer')
      else expect(paragraphText(observer.doc)).not.toContain(marker)
      const stored = paragraphText(await storedDoc(id)).includes(marker)
      expect(stored).toBe(seen)
      // each refusal is logged with the user and the convention
      const logged = warnings.lines.some((l) => l.includes(id) && l.includes(`read-only user ${PEOPLE[who].id}`))
      expect(logged).toBe(!seen)
      return seen
    }
    if (action === 'awareness') {
      // one state for a client id of its own with a borrowed identity, one claiming the observer's client id
      const scratch = new Awareness(new Y.Doc())
      const own = scratch.clientID
      scratch.setLocalState({ user: { id: 'u-test', name: 'Testeuse', color: '#000000' }, cursor: null })
      const fake = new Awareness(new Y.Doc())
      fake.clientID = observer.doc.clientID
      fake.setLocalState({ user: { id: 'u-x', name: 'Usurpateur', color: '#000000' } })
      socket.send(awarenessFrame(id, encodeAwarenessUpdate(scratch, [own])))
      socket.send(awarenessFrame(id, encodeAwarenessUpdate(fake, [fake.clientID])))
      await waitFor(() => observer.provider.awareness!.getStates().has(own), 'the awareness state')
      expect(observer.provider.awareness!.getStates().get(own)!.user).toEqual({
        id: PEOPLE[who].id,
        name: PEOPLE[who].name,
        color: expect.stringMatching(/^#[0-9a-f]{6}$/),
      })
      const served = server.ctg.server.hocuspocus.documents.get(id)!.awareness.getStates()
      expect(served.get(observer.doc.clientID)?.user?.name).toBe('Testeuse')
      return true
    }
    // stateless
    socket.send(frame(id, MessageType.Stateless, (e) => encoding.writeVarString(e, '{"type":"hello"}')))
    // then an empty update as a barrier: the server reads a socket's messages in order, so its
    // answer comes after the stateless message was handled (a refusal closes the socket first)
    socket.send(updateFrame(id, Y.encodeStateAsUpdate(new Y.Doc())))
    await waitFor(() => socket.closed !== null || rawSyncStatuses(socket).length > 0, 'the answer to the barrier')
    if (socket.closed) expect(socket.closed).toEqual({ code: 4403, reason: 'forbidden' })
    return socket.closed === null
  } finally {
    warnings.stop()
    socket.ws.close()
  }
}

async function httpAction(action: Action, who: Who, id: string): Promise<boolean> {
  const token = await server.token(PEOPLE[who])
  const api = (path: string, method = 'GET', body?: unknown) =>
    server.api(path, { method, token, body: body === undefined ? undefined : JSON.stringify(body) })
  const expectStatus = (status: number, ok: number) => {
    if (status === ok) return true
    expect(status).toBe(who === 'stranger' ? 404 : 403)
    return false
  }
  switch (action) {
    case 'list': {
      const { conventions } = (await (await api('/api/conventions')).json()) as {
        conventions: { id: string; role: string }[]
      }
      const listed = conventions.find((c) => c.id === id)
      if (listed) expect(listed.role).toBe(who)
      return listed !== undefined
    }
    case 'get': {
      const response = await api(`/api/conventions/${id}`)
      if (response.status === 200) expect(((await response.json()) as { role: string }).role).toBe(who)
      return expectStatus(response.status, 200)
    }
    case 'create':
      return (await api('/api/conventions', 'POST', { title: 'CTG essai', template: 'blank' })).status === 201
    case 'export':
      return expectStatus((await api(`/api/conventions/${id}/export`)).status, 200)
    case 'members':
      return expectStatus((await api(`/api/conventions/${id}/members`)).status, 200)
    case 'share': {
      const invitation = {
        email: `invite-${who}@caf.fr`,
        name: 'Nouvelle Personne',
        organisationKind: 'caf',
        role: 'editor',
      }
      return expectStatus((await api(`/api/conventions/${id}/members`, 'POST', invitation)).status, 201)
    }
    case 'changeRole':
      return expectStatus(
        (await api(`/api/conventions/${id}/members/u-spare`, 'PATCH', { role: 'editor' })).status,
        200,
      )
    case 'revoke':
      return expectStatus((await api(`/api/conventions/${id}/members/u-spare`, 'DELETE')).status, 204)
    case 'activity':
      return expectStatus((await api(`/api/conventions/${id}/activity`)).status, 200)
    default:
      throw new Error(`not an HTTP action: ${action}`)
  }
}

const WEBSOCKET_ACTIONS: Action[] = ['open', 'edit', 'awareness', 'stateless']

describe('every role × every action', () => {
  it.each(CASES)('$who: $action → allowed $allowed', async ({ action, who, allowed }) => {
    const id = await conventionWithMembers()
    const observer = await connectClient(server.wsUrl, id, await server.token())
    observer.provider.setAwarenessField('user', { id: 'u-test', name: 'Testeuse', color: '#1d4ed8' })
    try {
      const done = WEBSOCKET_ACTIONS.includes(action)
        ? await webSocketAction(action, who, id, observer)
        : await httpAction(action, who, id)
      expect(done).toBe(allowed)
      expect(observer.doc.getXmlFragment(Y_FRAGMENT_NAME).length).toBeGreaterThan(0)
    } finally {
      observer.destroy()
    }
  })
})
