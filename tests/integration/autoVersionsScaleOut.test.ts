import { versionSchema, type Convention, type Version } from '@ctg/shared'
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { connectClient, waitFor, type TestClient } from '../helpers/connectClient.js'
import { conventionSharedWithEditor } from '../helpers/sharedConvention.js'
import { issueTestToken, type ServerProcess } from '../helpers/startServerProcess.js'
import { startProcessPair, type ProcessPair } from '../helpers/startProcessPair.js'
import { fieldText, findElements } from '../helpers/yFields.js'

const OWNER = { id: 'u-test', name: 'Testeuse' }

/** Two processes (PostgreSQL + Redis), a convention on them, its owner and an editor with their tokens. */
async function scaledOutConvention(env: Record<string, string> = {}) {
  const pair = await startProcessPair(env)
  const owner = await issueTestToken(OWNER)
  const api = (proc: ServerProcess, path: string, init: RequestInit = {}) =>
    fetch(proc.httpUrl + path, {
      ...init,
      headers: { Authorization: `Bearer ${owner}`, 'Content-Type': 'application/json' },
    })
  const { id, editorId } = await conventionSharedWithEditor(api, pair.a, pair.b)
  const editor = { id: editorId, name: 'Élodie' }
  const versions = async () =>
    z
      .object({ versions: z.array(versionSchema) })
      .parse(await (await api(pair.a, `/api/conventions/${id}/versions`)).json())
      .versions.filter((v) => v.kind === 'auto')
  const exported = async (versionId: string) =>
    (await (await api(pair.b, `/api/conventions/${id}/versions/${versionId}/export?format=json`)).json()) as Convention
  return { pair, id, owner, editor, editorToken: await issueTestToken(editor), versions, exported }
}

const title = (client: TestClient) => fieldText(findElements(client.doc, 'ficheTitle')[0]!)

describe('automatic versions of a convention served by two processes', () => {
  const pairs: ProcessPair[] = []
  const clients: TestClient[] = []
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await Promise.all(pairs.splice(0).map((pair) => pair.stop()))
  })

  it('records one version when the last writer leaves, on whichever process, named after who changed it last', async () => {
    const c = await scaledOutConvention()
    pairs.push(c.pair)
    const ownerOnA = await connectClient(c.pair.a.wsUrl, c.id, c.owner)
    const editorOnB = await connectClient(c.pair.b.wsUrl, c.id, c.editorToken)
    clients.push(ownerOnA, editorOnB)

    title(ownerOnA).insert(0, 'Depuis A : ')
    await ownerOnA.settled()
    await waitFor(() => title(editorOnB).toString().startsWith('Depuis A : '), 'B sees the edit made on A')
    // the last writer of process A leaves, one remains on B: no version yet
    ownerOnA.destroy()
    title(editorOnB).insert(0, 'Depuis B, ')
    await editorOnB.settled()
    editorOnB.destroy()

    await expect.poll(c.versions, { timeout: 15_000 }).toHaveLength(1)
    const [version] = (await c.versions()) as [Version]
    expect(version.author).toEqual(c.editor)
    const fiche = (await c.exported(version.id)).content.find((b) => b.type === 'ficheAction')
    expect(fiche && 'title' in fiche && fiche.title).toMatch(/^Depuis B, Depuis A : /)
  }, 60_000)

  it('records at most one version per interval while people edit on both processes', async () => {
    const intervalMs = 1_500
    const c = await scaledOutConvention({ VERSION_AUTO_INTERVAL_MS: String(intervalMs) })
    pairs.push(c.pair)
    const ownerOnA = await connectClient(c.pair.a.wsUrl, c.id, c.owner)
    const editorOnB = await connectClient(c.pair.b.wsUrl, c.id, c.editorToken)
    clients.push(ownerOnA, editorOnB)

    // both type at once until three intervals have given their versions
    for (let typed = 0; (await c.versions()).length < 3; typed++) {
      expect(typed, 'three automatic versions while typing').toBeLessThan(2_000)
      title(ownerOnA).insert(0, 'a')
      title(editorOnB).insert(0, 'b')
      await Promise.all([ownerOnA.settled(), editorOnB.settled()])
    }
    // each process's timer started with its own first change: without agreeing, both would record
    const times = (await c.versions()).map((v) => Date.parse(v.createdAt)).sort((x, y) => x - y)
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThan(intervalMs / 2)
  }, 90_000)
})
