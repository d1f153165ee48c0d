import { versionSchema, type Convention, type Version } from '@ctg/shared'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { connectClient, waitFor, type TestClient } from '../helpers/connectClient.js'
import { createConvention } from '../helpers/createConvention.js'
import { removeDir, startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { fieldText, findElements } from '../helpers/yFields.js'

const OWNER = { id: 'u-test', name: 'Testeuse' }
const EDITOR = { id: 'u-editor', name: 'Élodie' }

/**
 * Hocuspocus handles a connection's messages (its sync, its edits) before every `connected`
 * hook has run, and one of those hooks may be slow (it reads the bin in the database). A writer
 * must count for automatic versions from its first message all the same: the bin lookup is held
 * here, as a loaded database would hold it. Before the fix, a version was recorded when the
 * owner left although the editor was still typing, named after the owner (a CI run on two
 * processes ended so); a writer that left before its hooks ended stayed a writer for ever.
 */
describe('automatic versions while the hooks of a new connection are still running', () => {
  let server: TestServer
  const clients: TestClient[] = []
  let releaseBinLookups: () => void = () => undefined

  beforeEach(async () => {
    server = await startTestServer()
  })
  afterEach(async () => {
    releaseBinLookups()
    for (const client of clients.splice(0)) client.destroy()
    await server.stop()
    removeDir(server.dataDir)
  })

  /** From now on, every bin lookup waits until `releaseBinLookups` is called. */
  function holdBinLookups() {
    const bin = server.ctg.store.bin
    const lookup = bin.deletionOf.bind(bin)
    const released = new Promise<void>((resolve) => (releaseBinLookups = resolve))
    bin.deletionOf = async (conventionId) => {
      await released
      return lookup(conventionId)
    }
  }

  async function setUp() {
    const id = await createConvention(server)
    const editorToken = await server.memberToken(id, EDITOR, 'editor')
    const versions = async () => {
      const response = await server.api(`/api/conventions/${id}/versions`)
      return z
        .object({ versions: z.array(versionSchema) })
        .parse(await response.json())
        .versions.filter((v) => v.kind === 'auto')
    }
    const exported = async (versionId: string) =>
      (await (await server.api(`/api/conventions/${id}/versions/${versionId}/export?format=json`)).json()) as Convention
    const open = async (token: string) => {
      const client = await connectClient(server.wsUrl, id, token)
      clients.push(client)
      return client
    }
    return { id, editorToken, versions, exported, open }
  }

  const title = (client: TestClient) => fieldText(findElements(client.doc, 'ficheTitle')[0]!)
  const connectionsOn = (id: string) => server.ctg.server.hocuspocus.documents.get(id)?.getConnectionsCount() ?? 0

  it('an editor still being set up counts as a writer: the owner leaving records nothing, the editor leaving names her', async () => {
    const c = await setUp()
    const owner = await c.open(await server.token(OWNER))
    holdBinLookups()
    const editor = await c.open(c.editorToken)

    title(owner).insert(0, 'Du propriétaire, ')
    await owner.settled()
    await waitFor(() => title(editor).toString().startsWith('Du propriétaire, '), 'the editor sees the owner’s edit')
    owner.destroy()
    await waitFor(() => connectionsOn(c.id) === 1, 'the server saw the owner leave')
    title(editor).insert(0, 'De la rédactrice, ')
    await editor.settled()
    editor.destroy()
    await waitFor(() => connectionsOn(c.id) === 0, 'the server saw the editor leave')
    releaseBinLookups()

    await expect.poll(c.versions, { timeout: 10_000 }).toHaveLength(1)
    const [version] = (await c.versions()) as [Version]
    expect(version.author).toEqual(EDITOR)
    const fiche = (await c.exported(version.id)).content.find((b) => b.type === 'ficheAction')
    expect(fiche && 'title' in fiche && fiche.title).toMatch(/^De la rédactrice, Du propriétaire, /)
  }, 30_000)

  it('a writer who leaves before the setup of her connection ends gets her version, and does not stay a writer', async () => {
    const c = await setUp()
    holdBinLookups()
    const editor = await c.open(c.editorToken)
    title(editor).insert(0, 'Vite, ')
    await editor.settled()
    editor.destroy()
    await waitFor(() => connectionsOn(c.id) === 0, 'the server saw the editor leave')
    releaseBinLookups()
    await expect.poll(c.versions, { timeout: 10_000 }).toHaveLength(1)

    // she left for good: the next writer's leaving records the next version
    const again = await c.open(c.editorToken)
    title(again).insert(0, 'Encore, ')
    await again.settled()
    again.destroy()
    await expect.poll(c.versions, { timeout: 10_000 }).toHaveLength(2)
  }, 30_000)
})
