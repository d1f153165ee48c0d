import { frozenMessageSchema, type Convention } from '@ctg/shared'
import * as decoding from 'lib0/decoding'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { connectClient, waitFor, type TestClient } from '../helpers/connectClient.js'
import { conventionSharedWithEditor } from '../helpers/sharedConvention.js'
import { forkDoc } from '../helpers/forkDoc.js'
import { MessageType, updateFrame } from '../helpers/protocolFrames.js'
import { openRawSocket, type RawSocket } from '../helpers/rawSocket.js'
import { issueTestToken, type ServerProcess } from '../helpers/startServerProcess.js'
import { startProcessPair, type ProcessPair } from '../helpers/startProcessPair.js'
import { fieldText, findElements } from '../helpers/yFields.js'

/** The SyncStatus answers (true: applied, false: refused) a raw socket received. */
function syncStatuses(socket: RawSocket): boolean[] {
  return socket.received.flatMap((frame) => {
    const decoder = decoding.createDecoder(frame)
    decoding.readVarString(decoder)
    if (decoding.readVarUint(decoder) !== MessageType.SyncStatus) return []
    return [decoding.readVarUint(decoder) === 1]
  })
}

describe('an adopted convention is frozen on every process (PostgreSQL + Redis)', () => {
  let pair: ProcessPair
  let owner: string
  let editorToken: string
  const clients: TestClient[] = []
  const sockets: RawSocket[] = []

  beforeAll(async () => {
    pair = await startProcessPair()
    owner = await issueTestToken()
    editorToken = await issueTestToken({ id: 'u-editor', name: 'Élodie Rédactrice' })
  })
  afterAll(async () => {
    await pair?.stop()
  })
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy()
    for (const socket of sockets.splice(0)) socket.ws.close()
  })

  const api = (proc: ServerProcess, path: string, init: RequestInit & { token?: string } = {}) =>
    fetch(proc.httpUrl + path, {
      ...init,
      headers: { Authorization: `Bearer ${init.token ?? owner}`, 'Content-Type': 'application/json' },
    })

  async function rawEditor(proc: ServerProcess, id: string) {
    const socket = await openRawSocket(proc.wsUrl)
    sockets.push(socket)
    await socket.authenticate(id, editorToken)
    return socket
  }

  it('refuses a raw client and a provider on both processes, and every content route, while naming versions and signing stay allowed', async () => {
    // the editor is a member (as an owner shares it), through the other process
    const { id, editorId } = await conventionSharedWithEditor(api, pair.a, pair.b)
    editorToken = await issueTestToken({ id: editorId, name: 'Élodie' })

    const onB = await connectClient(pair.b.wsUrl, id, editorToken)
    clients.push(onB)
    const frozenOnB: unknown[] = []
    onB.provider.on('stateless', ({ payload }: { payload: string }) => {
      const parsed = frozenMessageSchema.safeParse(JSON.parse(payload))
      if (parsed.success) frozenOnB.push(parsed.data)
    })
    const rawOnB = await rawEditor(pair.b, id)

    const adopted = await api(pair.a, `/api/conventions/${id}/status`, {
      method: 'POST',
      body: JSON.stringify({ status: 'adopted' }),
    })
    expect(adopted.status).toBe(200)
    // the open connection on the other process is told at once, and stays open
    await waitFor(() => frozenOnB.length > 0, 'the frozen message on B')
    expect(frozenOnB[0]).toEqual({ type: 'frozen', status: 'adopted' })
    expect(rawOnB.closed).toBeNull()
    const before = (await (await api(pair.a, `/api/conventions/${id}/export`)).json()) as Convention

    // a raw client's update, on the process that did not change the status, and on a new connection on A
    const fork = forkDoc(onB.doc)
    fieldText(findElements(fork.doc, 'ficheTitle')[0]!).insert(0, 'Refusé ')
    rawOnB.send(updateFrame(id, fork.merged()))
    const rawOnA = await rawEditor(pair.a, id)
    rawOnA.send(updateFrame(id, fork.merged()))
    await waitFor(() => syncStatuses(rawOnB).includes(false), 'B answers SyncStatus false')
    await waitFor(() => syncStatuses(rawOnA).includes(false), 'A answers SyncStatus false')
    expect(syncStatuses(rawOnB)).not.toContain(true)
    expect(syncStatuses(rawOnA)).not.toContain(true)
    for (const proc of [pair.a, pair.b]) {
      const now = (await (await api(proc, `/api/conventions/${id}/export`)).json()) as Convention
      expect(now.content).toEqual(before.content)
    }

    // content routes refuse; naming a version, signing and the signed step do not
    const versions = (await (await api(pair.b, `/api/conventions/${id}/versions`)).json()) as {
      versions: { id: string }[]
    }
    const restore = await api(pair.b, `/api/conventions/${id}/versions/${versions.versions[0]!.id}/restore`, {
      method: 'POST',
    })
    expect(restore.status).toBe(409)
    expect(((await restore.json()) as { error: { code: string } }).error.code).toBe('convention_frozen')
    const named = await api(pair.b, `/api/conventions/${id}/versions`, {
      method: 'POST',
      body: JSON.stringify({ name: 'Archivée' }),
    })
    expect(named.status).toBe(201)
    const signed = await api(pair.b, `/api/conventions/${id}/signatories/sg-01`, {
      method: 'PATCH',
      body: JSON.stringify({ signatureDate: '2026-12-08' }),
    })
    expect(signed.status).toBe(200)
    await waitFor(() => {
      const block = findElements(onB.doc, 'signatory')[0]
      return block?.getAttribute('signatureDate') === '2026-12-08'
    }, 'the signature reaches the frozen editor on B')
    const step = await api(pair.b, `/api/conventions/${id}/status`, {
      method: 'POST',
      body: JSON.stringify({ status: 'signed' }),
    })
    expect(step.status).toBe(200)
  })
})
