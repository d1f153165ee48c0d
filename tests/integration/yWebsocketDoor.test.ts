import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { yDocToConvention, type Convention, type FicheActionBlock } from '@ctg/shared'
import { smallConvention } from '../fixtures/conventionFixtures.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectClient, waitFor } from '../helpers/connectClient.js'
import { connectYjsClient } from '../helpers/connectYjsClient.js'
import { createConvention } from '../helpers/createConvention.js'
import { freePort } from '../helpers/freePort.js'
import { openRawSocket, UpgradeRefused } from '../helpers/rawSocket.js'
import { startProcessPair } from '../helpers/startProcessPair.js'
import { issueTestToken, startServerProcess } from '../helpers/startServerProcess.js'
import { removeDir, startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { fieldText, findElements } from '../helpers/yFields.js'

const EDITOR = { id: 'u-yjs-editor', name: 'Yasmine (script Yjs)' }
const OTHER_EDITOR = { id: 'u-hp-editor', name: 'Hugo (éditeur web)' }
const READER = { id: 'u-yjs-reader', name: 'Louis Lecteur' }
const TITLE = 'Ouvrir un relais petite enfance'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server.stop()
})

const yjsUrl = (id: string, token: string) => `ws://127.0.0.1:${server.port}/yjs/${id}?token=${token}`

async function exportConvention(id: string): Promise<Convention> {
  const response = await server.api(`/api/conventions/${id}/export?format=json`)
  expect(response.status).toBe(200)
  return (await response.json()) as Convention
}

const firstFiche = (convention: Convention) =>
  convention.content.find((c) => c.type === 'ficheAction') as FicheActionBlock

/** The HTTP status that refused the upgrade (fails if the upgrade was accepted). */
async function upgradeStatus(url: string): Promise<number> {
  try {
    const socket = await openRawSocket(url)
    socket.ws.close()
  } catch (error) {
    if (error instanceof UpgradeRefused) return error.status
    throw error
  }
  throw new Error(`the upgrade to ${url} was accepted`)
}

describe('the y-websocket door', () => {
  it('a WebsocketProvider and a HocuspocusProvider edit the same fiche at once and converge; the export holds both', async () => {
    const id = await createConvention(server)
    const viaYjs = await connectYjsClient(server.httpUrl, id, await server.memberToken(id, EDITOR))
    const viaCollab = await connectClient(server.wsUrl, id, await server.memberToken(id, OTHER_EDITOR))
    expect(fieldText(findElements(viaYjs.doc, 'ficheTitle')[0]!).toString()).toBe(TITLE)

    const yjsTitle = fieldText(findElements(viaYjs.doc, 'ficheTitle')[0]!)
    const collabObjective = fieldText(findElements(viaCollab.doc, 'ficheObjective')[0]!.get(0) as never)
    // keystroke by keystroke on both sides, crossing on the network
    let typed = 0
    for (const [a, b] of zip([...' (y-websocket)'], [...'Hocuspocus : '])) {
      if (a) yjsTitle.insert(yjsTitle.length, a)
      if (b) collabObjective.insert(typed++, b)
      await new Promise((r) => setImmediate(r))
    }
    await viaCollab.settled()
    const same = () => JSON.stringify(yDocToConvention(viaYjs.doc)) === JSON.stringify(yDocToConvention(viaCollab.doc))
    await waitFor(same, 'both clients converge', 15_000)

    const fiche = firstFiche(await exportConvention(id))
    expect(fiche.title).toBe(`${TITLE} (y-websocket)`)
    expect(fiche.objective.startsWith('Hocuspocus : ')).toBe(true)
    expect(firstFiche(yDocToConvention(viaYjs.doc))).toEqual(fiche)

    // the activity log names the y-websocket editor like any other (it is written just after the change)
    let logged = false
    for (
      const start = Date.now();
      !logged && Date.now() - start < 10_000;
      await new Promise((r) => setTimeout(r, 50))
    ) {
      const activity = (await (await server.api(`/api/conventions/${id}/activity`)).json()) as {
        activity: { userId: string; action: string }[]
      }
      logged = activity.activity.some((e) => e.userId === EDITOR.id && e.action === 'changed')
    }
    expect(logged).toBe(true)
    viaYjs.destroy()
    viaCollab.destroy()
  })

  it("a lecteur's token is read-only on both doors; the y-websocket socket stays open and keeps receiving", async () => {
    const id = await createConvention(server)
    const editor = await connectClient(server.wsUrl, id, await server.memberToken(id, OTHER_EDITOR))
    const readerToken = await server.memberToken(id, READER, 'reader')
    const reader = await connectYjsClient(server.httpUrl, id, readerToken)
    const readerOnCollab = await connectClient(server.wsUrl, id, readerToken)
    let closed: boolean
    // the lecteur types on both doors, then says something through awareness on the same sockets:
    // when the editor sees that, the server has handled the edits sent before it
    fieldText(findElements(reader.doc, 'ficheTitle')[0]!).insert(0, 'Lecteur y-websocket ')
    fieldText(findElements(readerOnCollab.doc, 'ficheTitle')[0]!).insert(0, 'Lecteur Hocuspocus ')
    reader.provider.awareness.setLocalStateField('marker', 'after-edit')
    readerOnCollab.provider.setAwarenessField('marker', 'after-edit')
    await waitFor(
      () => [...editor.provider.awareness!.getStates().values()].filter((s) => s.marker === 'after-edit').length === 2,
      'the editor sees both markers',
      15_000,
    )
    expect(fieldText(findElements(editor.doc, 'ficheTitle')[0]!).toString()).toBe(TITLE)
    expect(firstFiche(await exportConvention(id)).title).toBe(TITLE)

    // its y-websocket connection also sends a sync step 2 on every (re)connection: dropped as well
    reader.provider.disconnect()
    reader.provider.connect()
    await waitFor(() => reader.provider.synced, 'the lecteur syncs again', 15_000)
    expect(firstFiche(await exportConvention(id)).title).toBe(TITLE)

    closed = false
    reader.provider.ws!.addEventListener('close', () => (closed = true))
    const editorTitle = fieldText(findElements(editor.doc, 'ficheTitle')[0]!)
    editorTitle.insert(editorTitle.length, ' — modifié')
    await waitFor(
      () => fieldText(findElements(reader.doc, 'ficheTitle')[0]!).toString().endsWith(`${TITLE} — modifié`),
      'the lecteur receives the edit',
      15_000,
    )
    expect(closed).toBe(false)
    expect(reader.provider.wsconnected).toBe(true)
    expect(firstFiche(await exportConvention(id)).title).toBe(`${TITLE} — modifié`)
    reader.destroy()
    readerOnCollab.destroy()
    editor.destroy()
  })

  it('tells a door client nothing but close codes: a lowered role drops its edits silently, a revocation closes with 4403', async () => {
    const id = await createConvention(server)
    const owner = await connectClient(server.wsUrl, id, await server.memberToken(id, OTHER_EDITOR))
    const client = await connectYjsClient(server.httpUrl, id, await server.memberToken(id, EDITOR))
    const frames: unknown[] = []
    client.provider.ws!.addEventListener('message', (event) => frames.push(event.data))
    const lowered = await server.api(`/api/conventions/${id}/members/${EDITOR.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ role: 'reader' }),
    })
    expect(lowered.status).toBe(200)
    // the role applies to the open socket once the server has handled the change (the access bus)
    const doorConnection = () =>
      [...(server.ctg.server.hocuspocus.documents.get(id)?.getConnections() ?? [])].find(
        (c) => (c.context as { user?: { id: string } }).user?.id === EDITOR.id,
      )
    await waitFor(() => doorConnection()?.readOnly === true, 'the door connection is read-only')
    // an edit, then an awareness marker on the same socket: handled in order
    fieldText(findElements(client.doc, 'ficheTitle')[0]!).insert(0, 'Après le retrait ')
    client.provider.awareness.setLocalStateField('marker', 'after-lowered-edit')
    await waitFor(
      () => [...owner.provider.awareness!.getStates().values()].some((s) => s.marker === 'after-lowered-edit'),
      'the owner sees the marker',
      15_000,
    )
    expect(fieldText(findElements(owner.doc, 'ficheTitle')[0]!).toString()).toBe(TITLE)
    expect(firstFiche(await exportConvention(id)).title).toBe(TITLE)
    expect(client.provider.wsconnected).toBe(true)
    // only sync (0) and awareness (1) messages reached it: no stateless `access` message
    expect(frames.length).toBeGreaterThan(0)
    expect(
      frames.map((data) => new Uint8Array(data as ArrayBuffer)[0]).filter((type) => type !== 0 && type !== 1),
    ).toEqual([])

    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      client.provider.ws!.addEventListener('close', (event) => resolve({ code: event.code, reason: event.reason })),
    )
    const revoked = await server.api(`/api/conventions/${id}/members/${EDITOR.id}`, { method: 'DELETE' })
    expect(revoked.status).toBe(204)
    expect(await closed).toEqual({ code: 4403, reason: 'access revoked' })
    client.destroy()
    owner.destroy()
  })

  it('refuses before the upgrade: a bad or missing token 401, an unknown convention or a non-member 404', async () => {
    const id = await createConvention(server)
    const memberToken = await server.memberToken(id, EDITOR)
    const strangerToken = await server.token({ id: 'u-yjs-stranger', name: 'Sam Étranger' })
    expect(await upgradeStatus(yjsUrl(id, 'not-a-token'))).toBe(401)
    expect(await upgradeStatus(`ws://127.0.0.1:${server.port}/yjs/${id}`)).toBe(401)
    expect(await upgradeStatus(yjsUrl('c-does-not-exist', memberToken))).toBe(404)
    expect(await upgradeStatus(yjsUrl(id, strangerToken))).toBe(404)
    expect(await upgradeStatus(`ws://127.0.0.1:${server.port}/yjs/?token=${memberToken}`)).toBe(404)
    // and a page of another site may use it: the door reads no cookie
    const fromElsewhere = await openRawSocket(yjsUrl(id, memberToken), { Origin: 'https://intranet.caf.example' })
    fromElsewhere.ws.close()
  })

  it('garbage frames close the socket that sent them, never the server', async () => {
    const id = await createConvention(server)
    const token = await server.memberToken(id, EDITOR)
    const witness = await connectYjsClient(server.httpUrl, id, token)
    const frames = [
      new Uint8Array([]),
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
      new Uint8Array([7, 1, 2, 3]),
      new Uint8Array([0, 9, 1, 2]), // sync, unknown step
      new Uint8Array([0, 2, 200, 1]), // an update longer than the frame
      new Uint8Array([0, 2, 3, 1, 2, 3]), // an update that does not decode
      new Uint8Array([1, 5, 1, 2]), // awareness that does not decode
      new Uint8Array([2, 0, 3, 97, 98, 99]), // an authentication message: not part of y-websocket
      Uint8Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256),
    ]
    for (const frame of frames) {
      const socket = await openRawSocket(yjsUrl(id, token))
      socket.send(frame)
      const close = await socket.waitForClose(15_000)
      expect(close.code).toBeGreaterThanOrEqual(4000)
    }
    const text = await openRawSocket(yjsUrl(id, token))
    text.ws.send('bonjour')
    expect((await text.waitForClose()).code).toBe(4400)

    // the server still serves, and the witness still edits
    expect((await server.api('/api/me')).status).toBe(200)
    const title = fieldText(findElements(witness.doc, 'ficheTitle')[0]!)
    title.insert(0, 'Toujours là — ')
    const after = await connectClient(server.wsUrl, id, token)
    await waitFor(
      () => fieldText(findElements(after.doc, 'ficheTitle')[0]!).toString() === `Toujours là — ${TITLE}`,
      'the witness edit',
    )
    after.destroy()
    witness.destroy()
  })

  it('an edit acknowledged on this door (another client received it) survives a SIGKILL of the server', async () => {
    const port = await freePort()
    const dataDir = mkdtempSync(join(tmpdir(), 'ctg-yjs-kill-'))
    let proc = await startServerProcess({ port, dataDir })
    const token = await issueTestToken()
    const created = await fetch(`${proc.httpUrl}/api/conventions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ convention: smallConvention() }),
    })
    const { id } = (await created.json()) as { id: string }
    const writer = await connectYjsClient(proc.httpUrl, id, token)
    const watcher = await connectYjsClient(proc.httpUrl, id, token)
    const title = fieldText(findElements(writer.doc, 'ficheTitle')[0]!)
    for (const char of 'Tapé par y-websocket — ') title.insert(title.length - TITLE.length, char)
    // the acknowledgement: the server relayed it, which it does only once the update is stored
    await waitFor(
      () => fieldText(findElements(watcher.doc, 'ficheTitle')[0]!).toString() === `Tapé par y-websocket — ${TITLE}`,
      'the watcher receives the edit',
      15_000,
    )
    await proc.kill()
    writer.destroy()
    watcher.destroy()

    proc = await startServerProcess({ port, dataDir })
    const again = await connectClient(proc.wsUrl, id, token)
    expect(fieldText(findElements(again.doc, 'ficheTitle')[0]!).toString()).toBe(`Tapé par y-websocket — ${TITLE}`)
    again.destroy()
    await proc.stop()
    removeDir(dataDir)
  }, 120_000)
})

describe('the y-websocket door with several processes (Redis, PostgreSQL)', () => {
  it('a WebsocketProvider on one process and a HocuspocusProvider on another edit the same fiche and converge', async () => {
    const pair = await startProcessPair()
    try {
      const token = await issueTestToken()
      const created = await fetch(`${pair.a.httpUrl}/api/conventions`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ convention: smallConvention() }),
      })
      expect(created.status).toBe(201)
      const { id } = (await created.json()) as { id: string }
      const viaYjs = await connectYjsClient(pair.a.httpUrl, id, token)
      const viaCollab = await connectClient(pair.b.wsUrl, id, token)
      const yjsTitle = fieldText(findElements(viaYjs.doc, 'ficheTitle')[0]!)
      const collabTitle = fieldText(findElements(viaCollab.doc, 'ficheTitle')[0]!)
      yjsTitle.insert(0, 'A : ')
      collabTitle.insert(collabTitle.length, ' (B)')
      const expected = `A : ${TITLE} (B)`
      await waitFor(
        () =>
          fieldText(findElements(viaYjs.doc, 'ficheTitle')[0]!).toString() === expected &&
          fieldText(findElements(viaCollab.doc, 'ficheTitle')[0]!).toString() === expected,
        'both processes relay both edits',
        20_000,
      )
      viaYjs.destroy()
      viaCollab.destroy()
    } finally {
      await pair.stop()
    }
  }, 120_000)
})

function zip<T>(a: T[], b: T[]): [T | undefined, T | undefined][] {
  return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => [a[i], b[i]])
}
