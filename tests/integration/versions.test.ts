import { createHash } from 'node:crypto'
import { conventionChangeSchema, versionSchema, type Convention, type Version } from '@ctg/shared'
import canonicalize from 'canonicalize'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { smallConvention } from '../fixtures/conventionFixtures.js'
import { connectClient, waitFor, type TestClient } from '../helpers/connectClient.js'
import { createConvention } from '../helpers/createConvention.js'
import { passageAnchor } from '../helpers/passagePositions.js'
import { removeDir, startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { storageEngines } from '../helpers/storageEngines.js'
import { fieldText, findElements } from '../helpers/yFields.js'

const EDITOR = { id: 'u-editor', name: 'Élodie Rédactrice' }
const READER = { id: 'u-reader', name: 'Louis Lecteur' }

const ENGINES = storageEngines()

const versionsResponse = z.object({ versions: z.array(versionSchema) })
const sha256Of = (json: unknown) => createHash('sha256').update(canonicalize(json)!, 'utf8').digest('hex')
/** The export without what a version or a restore may differ in. */
const contentOf = (c: Convention) => ({ title: c.title, period: c.period, content: c.content })

describe.each(ENGINES)('versions on $name', (engine) => {
  let server: TestServer
  const clients: TestClient[] = []

  beforeAll(async () => {
    server = await startTestServer({ env: { ...(await engine.env()), VERSION_AUTO_INTERVAL_MS: '400' } })
  })
  afterAll(async () => {
    await server.stop()
    removeDir(server.dataDir)
  })
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy()
  })

  async function convention(content: Convention = smallConvention()) {
    const id = await createConvention(server, content)
    const tokens = {
      owner: await server.token(),
      editor: await server.memberToken(id, EDITOR, 'editor'),
      reader: await server.memberToken(id, READER, 'reader'),
    }
    const call = (who: keyof typeof tokens, method: string, path: string, body?: unknown) =>
      server.api(`/api/conventions/${id}${path}`, {
        method,
        token: tokens[who],
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
    const open = async (who: keyof typeof tokens) => {
      const client = await connectClient(server.wsUrl, id, tokens[who])
      clients.push(client)
      return client
    }
    const versions = async (): Promise<Version[]> => {
      const response = await call('reader', 'GET', '/versions')
      expect(response.status).toBe(200)
      return versionsResponse.parse(await response.json()).versions
    }
    const exported = async (versionId?: string) => {
      const response = await call('reader', 'GET', versionId ? `/versions/${versionId}/export?format=json` : '/export')
      expect(response.status).toBe(200)
      return (await response.json()) as Convention
    }
    return { id, call, open, versions, exported }
  }

  it('names a version whose export is the live export then, hashed in RFC 8785 form', async () => {
    const c = await convention()
    expect(await c.versions()).toEqual([])
    const live = await c.exported()
    expect(live).toMatchObject({ status: 'draft', adopted: null, amends: null })

    expect((await c.call('reader', 'POST', '/versions', { name: 'x' })).status).toBe(403)
    const bad = await c.call('editor', 'POST', '/versions', { name: '  ' })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_body')

    const created = await c.call('editor', 'POST', '/versions', { name: 'Version présentée au COPIL du 8 décembre' })
    expect(created.status).toBe(201)
    const { version } = z.object({ version: versionSchema }).parse(await created.json())
    expect(version).toMatchObject({
      name: 'Version présentée au COPIL du 8 décembre',
      kind: 'named',
      status: 'draft',
      author: EDITOR,
      summary: 'Première version',
    })
    expect(version.sha256).toMatch(/^[0-9a-f]{64}$/)
    const atVersion = await c.exported(version.id)
    expect(atVersion).toEqual(live)
    expect(sha256Of(atVersion)).toBe(version.sha256)
    expect(JSON.stringify(atVersion)).not.toContain(version.id)

    expect((await c.call('reader', 'GET', '/versions/v-nope/export?format=json')).status).toBe(404)
  })

  it('records an auto version while people edit and when the last editor leaves, with its author and summary', async () => {
    const c = await convention()
    const editor = await c.open('editor')
    fieldText(findElements(editor.doc, 'ficheTitle')[0]!).insert(0, 'Créer et ')
    await editor.settled()
    // the 400 ms interval of this test server
    await expect.poll(async () => (await c.versions()).length, { timeout: 10_000 }).toBe(1)
    const [first] = await c.versions()
    expect(first).toMatchObject({ kind: 'auto', author: EDITOR, name: null })

    fieldText(findElements(editor.doc, 'signatoryName')[1]!).insert(0, 'M. ')
    await editor.settled()
    editor.destroy()
    await expect.poll(async () => (await c.versions()).length, { timeout: 5_000 }).toBe(2)
    const [latest] = await c.versions()
    expect(latest).toMatchObject({ kind: 'auto', author: EDITOR, summary: '1 bloc de signataires modifié' })
    expect((await c.exported(latest!.id)).content).toEqual((await c.exported()).content)
  })

  it('restores a version as a new change on top, ids included, and detaches threads whose anchor disappears', async () => {
    const c = await convention()
    const named = z
      .object({ version: versionSchema })
      .parse(await (await c.call('editor', 'POST', '/versions', { name: 'Avant' })).json()).version
    const before = await c.exported(named.id)

    const editor = await c.open('editor')
    const label = fieldText(findElements(editor.doc, 'keyActionLabel')[0]!)
    label.insert(label.length, ' à temps plein')
    await editor.settled()
    // a thread on the words added after the version: they disappear with the restore
    const anchor = passageAnchor(label, label.length - 'temps plein'.length, label.length)
    const thread = await c.call('editor', 'POST', '/threads', { anchor, body: 'Temps plein ?' })
    expect(thread.status).toBe(201)
    const threadId = ((await thread.json()) as { thread: { id: string } }).thread.id

    expect((await c.call('reader', 'POST', `/versions/${named.id}/restore`)).status).toBe(403)
    const restored = await c.call('editor', 'POST', `/versions/${named.id}/restore`)
    expect(restored.status).toBe(200)
    const { version } = z.object({ version: versionSchema }).parse(await restored.json())
    expect(version.kind).toBe('restore')

    const after = await c.exported()
    expect(contentOf(after)).toEqual(contentOf(before))
    // the client sees the restored text: a change on top, not a rewind
    await waitFor(() => !editor.doc.getXmlFragment('default').toString().includes('temps plein'), 'restored text')
    // the history is kept: the named version is still there, under the restore
    const kinds = (await c.versions()).map((v) => v.kind)
    expect(kinds[0]).toBe('restore')
    expect(kinds).toContain('named')
    const threads = (await (await c.call('reader', 'GET', '/threads')).json()) as {
      threads: { id: string; anchor: { detached: boolean } }[]
    }
    expect(threads.threads.find((t) => t.id === threadId)?.anchor.detached).toBe(true)
  })

  it('diffs two versions, and a version with now; bad queries are refused', async () => {
    const c = await convention()
    const v1 = z
      .object({ version: versionSchema })
      .parse(await (await c.call('editor', 'POST', '/versions', { name: 'v1' })).json()).version
    const editor = await c.open('editor')
    fieldText(findElements(editor.doc, 'ficheTitle')[0]!).insert(0, 'Créer et ')
    await editor.settled()
    const response = await c.call('reader', 'GET', `/diff?from=${v1.id}&to=current`)
    expect(response.status).toBe(200)
    const { changes } = z.object({ changes: z.array(conventionChangeSchema) }).parse(await response.json())
    expect(changes).toEqual([
      {
        op: 'changed',
        blockId: 'fa-1',
        path: '/title',
        before: 'Ouvrir un relais petite enfance',
        after: 'Créer et Ouvrir un relais petite enfance',
        words: expect.arrayContaining([{ op: 'insert', text: expect.stringContaining('Créer') }]),
      },
    ])
    expect((await c.call('reader', 'GET', `/diff?to=current`)).status).toBe(400)
    expect((await c.call('reader', 'GET', `/diff?from=v-unknown&to=current`)).status).toBe(404)
  })

  it('moves forward through the statuses, freezes from adopted on, records signatures and starts an avenant', async () => {
    const c = await convention()
    const editor = await c.open('editor')
    const frozenMessages: string[] = []
    editor.provider.on('stateless', ({ payload }: { payload: string }) => frozenMessages.push(payload))

    expect((await c.call('editor', 'POST', '/status', { status: 'validated' })).status).toBe(403)
    const validated = await c.call('owner', 'POST', '/status', { status: 'validated' })
    expect(validated.status).toBe(200)
    expect(await validated.json()).toMatchObject({
      status: 'validated',
      version: { kind: 'status', status: 'validated' },
    })
    const back = await c.call('owner', 'POST', '/status', { status: 'validated' })
    expect(back.status).toBe(409)
    expect(((await back.json()) as { error: { code: string } }).error.code).toBe('invalid_transition')

    const adopted = await c.call('owner', 'POST', '/status', { status: 'adopted' })
    expect(adopted.status).toBe(200)
    const adoptedVersion = ((await adopted.json()) as { version: Version }).version
    await waitFor(() => frozenMessages.some((m) => JSON.parse(m).type === 'frozen'), 'frozen message')
    expect(JSON.parse(frozenMessages.find((m) => JSON.parse(m).type === 'frozen')!)).toEqual({
      type: 'frozen',
      status: 'adopted',
    })
    const live = await c.exported()
    expect(live.status).toBe('adopted')
    expect(live.adopted).toEqual({ versionId: adoptedVersion.id, sha256: adoptedVersion.sha256 })
    // the adopted version's own export does not name itself
    expect((await c.exported(adoptedVersion.id)).adopted).toBeNull()

    // an edit sent now is refused by the server: the export does not change
    fieldText(findElements(editor.doc, 'ficheTitle')[0]!).insert(0, 'Interdit ')
    const late = await c.open('editor')
    await waitFor(() => late.provider.isSynced)
    expect((await c.exported()).content).toEqual(live.content)
    const restore = await c.call('owner', 'POST', `/versions/${adoptedVersion.id}/restore`)
    expect(restore.status).toBe(409)
    expect(((await restore.json()) as { error: { code: string } }).error.code).toBe('convention_frozen')
    // naming a version stays allowed
    expect((await c.call('editor', 'POST', '/versions', { name: 'Après adoption' })).status).toBe(201)

    const bad = await c.call('editor', 'PATCH', '/signatories/sg-01', { signatureDate: '8 décembre' })
    expect(bad.status).toBe(400)
    expect((await c.call('editor', 'PATCH', '/signatories/sg-99', { signatureDate: '2026-12-08' })).status).toBe(404)
    const one = await c.call('editor', 'PATCH', '/signatories/sg-01', {
      deliberationDate: '2026-11-20',
      signatureDate: '2026-12-08',
    })
    expect(one.status).toBe(200)
    expect(await one.json()).toMatchObject({ signed: 1, total: 2, status: 'adopted', version: { kind: 'status' } })
    const signatory = (await c.exported()).content.find((b) => b.type === 'signatoryBlock')!
    expect(signatory.type === 'signatoryBlock' && signatory.signatories[0]).toMatchObject({
      mandate: { date: '2026-11-20' },
      signatureDate: '2026-12-08',
      signed: true,
    })
    const two = await c.call('editor', 'PATCH', '/signatories/sg-02', { signatureDate: '2026-12-09' })
    expect(await two.json()).toMatchObject({ signed: 2, total: 2, status: 'signed' })
    expect((await c.exported()).status).toBe('signed')

    const avenant = await c.call('owner', 'POST', '/avenants')
    expect(avenant.status).toBe(201)
    const { id: avenantId } = (await avenant.json()) as { id: string }
    const avenantExport = (await (
      await server.api(`/api/conventions/${avenantId}/export?format=json`)
    ).json()) as Convention
    const signedVersion = (await c.versions()).find((v) => v.kind === 'status' && v.status === 'signed')!
    expect(avenantExport.title).toBe(`Avenant n°1 à ${live.title}`)
    expect(avenantExport.status).toBe('draft')
    expect(avenantExport.amends).toEqual({
      conventionId: c.id,
      versionId: signedVersion.id,
      sha256: signedVersion.sha256,
    })
    expect(avenantExport.content).toEqual((await c.exported(signedVersion.id)).content)
    expect(avenantExport.amendments).toEqual({ changes: [] })
    // the avenant's editor numbers from the amended text's numbers, by id
    const numbering = (await (await server.api(`/api/conventions/${avenantId}/numbering`)).json()) as {
      amends: unknown
      fiches: Record<string, number>
      keyActions: Record<string, string>
    }
    expect(numbering.amends).toEqual(avenantExport.amends)
    const amendedFiches = avenantExport.content.flatMap((b) => (b.type === 'ficheAction' ? [b] : []))
    expect(amendedFiches.length).toBeGreaterThan(0)
    expect(numbering.fiches).toEqual(Object.fromEntries(amendedFiches.map((f) => [f.id, f.number])))
    expect(numbering.keyActions).toEqual(
      Object.fromEntries(amendedFiches.flatMap((f) => f.keyActions.map((k) => [k.id, k.number]))),
    )
    expect(await (await c.call('reader', 'GET', '/numbering')).json()).toEqual({
      amends: null,
      fiches: {},
      keyActions: {},
    })
    const second = (await (await c.call('owner', 'POST', '/avenants')).json()) as { id: string }
    const secondExport = (await (await server.api(`/api/conventions/${second.id}/export`)).json()) as Convention
    expect(secondExport.title).toBe(`Avenant n°2 à ${live.title}`)

    // a draft has no adopted version to amend
    const draft = await convention()
    const refused = await draft.call('owner', 'POST', '/avenants')
    expect(refused.status).toBe(409)
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('not_adopted')
  })

  it('lets a step be skipped (draft → signed freezes and records the adopted version) and checks roles on every route', async () => {
    const c = await convention()
    const routes: [string, string, unknown, Record<'owner' | 'editor' | 'reader', number>][] = [
      ['GET', '/versions', undefined, { owner: 200, editor: 200, reader: 200 }],
      ['POST', '/versions', { name: 'Nommée' }, { owner: 201, editor: 201, reader: 403 }],
      ['PATCH', '/signatories/sg-01', { deliberationDate: '2026-11-20' }, { owner: 200, editor: 200, reader: 403 }],
      ['POST', '/avenants', undefined, { owner: 409, editor: 403, reader: 403 }],
      ['POST', '/status', { status: 'backwards' }, { owner: 400, editor: 403, reader: 403 }],
    ]
    for (const [method, path, body, expected] of routes) {
      for (const who of ['reader', 'editor', 'owner'] as const) {
        expect([method, path, who, (await c.call(who, method, path, body)).status]).toEqual([
          method,
          path,
          who,
          expected[who],
        ])
      }
    }
    const signed = await c.call('owner', 'POST', '/status', { status: 'signed' })
    expect(signed.status).toBe(200)
    const { version } = (await signed.json()) as { version: Version }
    const live = await c.exported()
    expect(live).toMatchObject({ status: 'signed', adopted: { versionId: version.id, sha256: version.sha256 } })
    expect((await c.call('owner', 'POST', '/status', { status: 'adopted' })).status).toBe(409)
  })
})
