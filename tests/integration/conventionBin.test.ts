import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import {
  CONVENTION_DELETED_CLOSE,
  parseStatelessMessage,
  type BinnedConvention,
  type ConventionDeletedMessage,
} from '@ctg/shared'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { smallConvention } from '../fixtures/conventionFixtures.js'
import { closeOf } from '../helpers/closeOf.js'
import { connectClient, type TestClient } from '../helpers/connectClient.js'
import { createConvention } from '../helpers/createConvention.js'
import { issueTestToken, type ServerProcess } from '../helpers/startServerProcess.js'
import { startProcessPair, type ProcessPair } from '../helpers/startProcessPair.js'
import { removeDir, startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase.js'
import { fieldText, findElements } from '../helpers/yFields.js'

/** The test server's default user creates the conventions, so owns them. */
const OWNER = { id: 'u-test', name: 'Testeuse' }
const CO_OWNER = { id: 'u-co-owner', name: 'Claire (Caf)' }
const EDITOR = { id: 'u-editor', name: 'Élodie (EPCI)' }
const READER = { id: 'u-reader', name: 'Paul (commune)' }
const STRANGER = { id: 'u-stranger', name: 'Quelqu’un d’autre' }

interface Engine {
  name: string
  /** a fresh, empty database for one server */
  open(): Promise<{ env: Record<string, string>; drop(): Promise<void> }>
}

const engines: Engine[] = [
  { name: 'SQLite', open: async () => ({ env: {}, drop: async () => {} }) },
  {
    name: 'PostgreSQL',
    open: async () => {
      const database: TestDatabase = await createTestDatabase()
      return { env: { DATABASE_URL: database.url }, drop: () => database.drop() }
    },
  },
]

const errorOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string; deletedAt?: string; deletedBy?: unknown; role?: string } }).error

/** Every `deleted` stateless message the client receives from now on. */
function deletedMessages(client: TestClient): ConventionDeletedMessage[] {
  const received: ConventionDeletedMessage[] = []
  client.provider.on('stateless', ({ payload }: { payload: string }) => {
    const message = parseStatelessMessage(payload)
    if (message?.type === 'deleted') received.push(message)
  })
  return received
}

/** Connecting is refused: the provider's `authenticationFailed` reason. */
async function refusal(server: TestServer, id: string, token: string): Promise<string> {
  try {
    const client = await connectClient(server.wsUrl, id, token)
    client.destroy()
    return 'accepted'
  } catch (error) {
    return (error as Error).message
  }
}

/** How many rows of each table still belong to the convention, read straight from the database. */
async function rowsOf(server: TestServer, env: Record<string, string>, id: string): Promise<Record<string, number>> {
  const queries: Record<string, string> = {
    conventions: 'SELECT count(*) AS n FROM conventions WHERE id = $1',
    convention_updates: 'SELECT count(*) AS n FROM convention_updates WHERE convention_id = $1',
    memberships: 'SELECT count(*) AS n FROM memberships WHERE convention_id = $1',
    invitations: 'SELECT count(*) AS n FROM invitations WHERE convention_id = $1',
    activity: 'SELECT count(*) AS n FROM activity WHERE convention_id = $1',
  }
  const counts: Record<string, number> = {}
  if (env.DATABASE_URL) {
    const client = new pg.Client({ connectionString: env.DATABASE_URL })
    await client.connect()
    for (const [table, sql] of Object.entries(queries)) {
      counts[table] = Number((await client.query<{ n: string }>(sql, [id])).rows[0]!.n)
    }
    await client.end()
  } else {
    const db = new DatabaseSync(join(server.dataDir, 'ctg.sqlite'), { readOnly: true })
    for (const [table, sql] of Object.entries(queries)) {
      counts[table] = Number((db.prepare(sql.replace('$1', '?')).get(id) as { n: number }).n)
    }
    db.close()
  }
  return counts
}

describe.each(engines)('the bin on $name', (engine) => {
  let server: TestServer
  let env: Record<string, string>
  let drop: () => Promise<void>
  let tokens: Record<'owner' | 'coOwner' | 'editor' | 'reader' | 'stranger', string>

  beforeAll(async () => {
    ;({ env, drop } = await engine.open())
    server = await startTestServer({ env })
  })
  afterAll(async () => {
    await server?.stop()
    await drop?.()
    if (server) removeDir(server.dataDir)
  })

  /** A convention owned by the test user and Claire, written by Élodie, read by Paul. */
  async function sharedConvention(): Promise<string> {
    const id = await createConvention(server)
    tokens = {
      owner: await server.token(),
      coOwner: await server.memberToken(id, CO_OWNER, 'owner'),
      editor: await server.memberToken(id, EDITOR, 'editor'),
      reader: await server.memberToken(id, READER, 'reader'),
      stranger: await server.token(STRANGER),
    }
    return id
  }

  const listed = async (token: string, query = '') => {
    const response = await server.api(`/api/conventions${query}`, { token })
    expect(response.status).toBe(200)
    return ((await response.json()) as { conventions: { id: string }[] }).conventions.map((c) => c.id)
  }

  it('an owner moves a convention to the bin: 204; its routes then answer 410 convention_deleted to every member, 404 to anyone else', async () => {
    const id = await sharedConvention()
    expect(await listed(tokens.editor)).toContain(id)

    // only an owner may; someone without a membership does not learn it exists
    expect((await server.api(`/api/conventions/${id}`, { method: 'DELETE', token: tokens.editor })).status).toBe(403)
    expect((await server.api(`/api/conventions/${id}`, { method: 'DELETE', token: tokens.reader })).status).toBe(403)
    expect((await server.api(`/api/conventions/${id}`, { method: 'DELETE', token: tokens.stranger })).status).toBe(404)
    expect((await server.api(`/api/conventions/c-nothing-here`, { method: 'DELETE' })).status).toBe(404)

    const before = Date.now()
    const deleted = await server.api(`/api/conventions/${id}`, { method: 'DELETE' })
    expect(deleted.status).toBe(204)
    expect(await deleted.text()).toBe('')

    const routes: [string, RequestInit][] = [
      [`/api/conventions/${id}`, {}],
      [`/api/conventions/${id}/export?format=json`, {}],
      [`/api/conventions/${id}/members`, {}],
      [`/api/conventions/${id}/activity`, {}],
      [
        `/api/conventions/${id}/members`,
        {
          method: 'POST',
          body: JSON.stringify({ email: 'nina@caf.fr', name: 'Nina', organisationKind: 'caf', role: 'reader' }),
        },
      ],
      [`/api/conventions/${id}/members/${EDITOR.id}`, { method: 'PATCH', body: JSON.stringify({ role: 'reader' }) }],
      [`/api/conventions/${id}/members/${EDITOR.id}`, { method: 'DELETE' }],
      [`/api/conventions/${id}`, { method: 'DELETE' }],
    ]
    for (const who of ['owner', 'coOwner', 'editor', 'reader'] as const) {
      for (const [path, init] of routes) {
        const response = await server.api(path, { ...init, token: tokens[who] })
        expect(response.status, `${who}: ${init.method ?? 'GET'} ${path}`).toBe(410)
        const error = await errorOf(response)
        expect(error.code).toBe('convention_deleted')
        expect(error.deletedBy).toEqual(OWNER)
        expect(error.role).toBe(who === 'coOwner' ? 'owner' : who)
        expect(Date.parse(error.deletedAt!)).toBeGreaterThanOrEqual(before - 1_000)
      }
    }
    for (const [path, init] of routes) {
      const response = await server.api(path, { ...init, token: tokens.stranger })
      expect(response.status, `stranger: ${init.method ?? 'GET'} ${path}`).toBe(404)
      expect((await errorOf(response)).code).toBe('not_found')
    }
    // the memberships are kept for a restore: the editor is still a member, just refused
    expect(await server.ctg.store.members.roleOf(id, EDITOR.id)).toBe('editor')

    // the lists lose it; the bin shows it to its owners, with the date it will be purged
    for (const who of ['owner', 'coOwner', 'editor', 'reader'] as const)
      expect(await listed(tokens[who])).not.toContain(id)
    for (const who of ['owner', 'coOwner'] as const) {
      const response = await server.api('/api/conventions?bin=1', { token: tokens[who] })
      const { conventions, retentionDays } = (await response.json()) as {
        conventions: BinnedConvention[]
        retentionDays: number
      }
      expect(retentionDays).toBe(30)
      const binned = conventions.find((c) => c.id === id)!
      expect(binned).toMatchObject({ id, title: smallConvention().title, deletedBy: OWNER, createdBy: OWNER.id })
      expect(Date.parse(binned.purgeAt) - Date.parse(binned.deletedAt)).toBe(30 * 24 * 3600 * 1000)
    }
    for (const who of ['editor', 'reader', 'stranger'] as const) expect(await listed(tokens[who], '?bin=1')).toEqual([])
    expect(await listed(tokens.owner, '?bin=0')).not.toContain(id)
    const badQuery = await server.api('/api/conventions?bin=oui')
    expect(badQuery.status).toBe(400)
    expect((await errorOf(badQuery)).code).toBe('invalid_query')

    // a sweep with the default retention (30 days) keeps it
    expect(await server.ctg.bin.purgeExpired()).toEqual([])
    expect((await server.api(`/api/conventions/${id}`)).status).toBe(410)
  })

  it('open sockets of every member are told who binned it and closed with 4410; new ones are refused', async () => {
    const id = await sharedConvention()
    const owner = await connectClient(server.wsUrl, id, tokens.owner)
    const editor = await connectClient(server.wsUrl, id, tokens.editor)
    const reader = await connectClient(server.wsUrl, id, tokens.reader)
    const told = [owner, editor, reader].map(deletedMessages)
    const closed = [owner, editor, reader].map(closeOf)

    expect((await server.api(`/api/conventions/${id}`, { method: 'DELETE', token: tokens.coOwner })).status).toBe(204)
    expect(await Promise.all(closed)).toEqual([
      { code: 4410, reason: 'convention deleted' },
      { code: 4410, reason: 'convention deleted' },
      { code: 4410, reason: 'convention deleted' },
    ])
    expect(CONVENTION_DELETED_CLOSE).toEqual({ code: 4410, reason: 'convention deleted' })
    for (const messages of told) {
      expect(messages).toEqual([{ type: 'deleted', deletedAt: expect.any(String), deletedBy: CO_OWNER }])
    }
    for (const client of [owner, editor, reader]) client.destroy()

    // members are refused with the reason; anyone else as for an unknown convention
    expect(await refusal(server, id, tokens.owner)).toBe('authentication failed: convention deleted')
    expect(await refusal(server, id, tokens.editor)).toBe('authentication failed: convention deleted')
    expect(await refusal(server, id, tokens.stranger)).toBe('authentication failed: forbidden')
  })

  it('an owner restores it: 200 with its summary, and everything answers as before, content included', async () => {
    const id = await sharedConvention()
    const writer = await connectClient(server.wsUrl, id, tokens.editor)
    const title = (client: TestClient) => fieldText(findElements(client.doc, 'ficheTitle')[0]!)
    title(writer).insert(0, 'Écrit avant la corbeille. ')
    await writer.settled()
    const exported = await (await server.api(`/api/conventions/${id}/export?format=json`)).json()
    const closed = closeOf(writer)

    expect((await server.api(`/api/conventions/${id}`, { method: 'DELETE' })).status).toBe(204)
    expect(await closed).toEqual({ code: 4410, reason: 'convention deleted' })
    writer.destroy()

    // an owner only; someone without a membership gets 404, as for an unknown id
    const restore = (token: string) => server.api(`/api/conventions/${id}/restore`, { method: 'POST', token })
    expect((await restore(tokens.editor)).status).toBe(403)
    expect((await restore(tokens.reader)).status).toBe(403)
    expect((await restore(tokens.stranger)).status).toBe(404)
    expect((await server.api('/api/conventions/c-nothing-here/restore', { method: 'POST' })).status).toBe(404)

    const restored = await restore(tokens.coOwner)
    expect(restored.status).toBe(200)
    expect(await restored.json()).toEqual({
      id,
      title: smallConvention().title,
      period: smallConvention().period,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      createdBy: OWNER.id,
      issues: 0,
      role: 'owner',
    })
    const again = await restore(tokens.owner)
    expect(again.status).toBe(409)
    expect((await errorOf(again)).code).toBe('not_in_bin')

    // as before: the routes, the lists, the bin, the content, the sockets
    for (const who of ['owner', 'coOwner', 'editor', 'reader'] as const) {
      expect((await server.api(`/api/conventions/${id}`, { token: tokens[who] })).status).toBe(200)
      expect(await listed(tokens[who])).toContain(id)
    }
    expect((await server.api(`/api/conventions/${id}/members`, { token: tokens.reader })).status).toBe(200)
    expect(await listed(tokens.owner, '?bin=1')).not.toContain(id)
    expect(await (await server.api(`/api/conventions/${id}/export?format=json`)).json()).toEqual(exported)
    expect((await server.api(`/api/conventions/${id}`, { token: tokens.stranger })).status).toBe(404)

    const editor = await connectClient(server.wsUrl, id, tokens.editor)
    expect(title(editor).toString()).toMatch(/^Écrit avant la corbeille\. /)
    title(editor).insert(0, 'Après. ')
    await editor.settled()
    editor.destroy()
    const after = (await (await server.api(`/api/conventions/${id}/export?format=json`)).json()) as {
      content: { type: string; title?: string }[]
    }
    expect(after.content.find((b) => b.type === 'ficheAction')!.title).toMatch(/^Après\. Écrit avant la corbeille\. /)

    // the owners' activity log says who binned it and who restored it
    const activity = (await (await server.api(`/api/conventions/${id}/activity`)).json()) as {
      activity: { action: string; userId: string }[]
    }
    const binEntries = activity.activity.filter((e) => e.action === 'deleted' || e.action === 'restored')
    expect(binEntries.map((e) => [e.action, e.userId])).toEqual([
      ['restored', CO_OWNER.id],
      ['deleted', OWNER.id],
    ])
  })

  it('with BIN_RETENTION_DAYS=0 the sweep purges a binned convention for good: 404, and its rows are gone', async () => {
    const database = await engine.open()
    const purging = await startTestServer({
      env: { ...database.env, BIN_RETENTION_DAYS: '0', BIN_SWEEP_INTERVAL_MS: '200' },
    })
    try {
      const id = await createConvention(purging)
      const kept = await createConvention(purging)
      const editorToken = await purging.memberToken(id, EDITOR, 'editor')
      // an invitation pending, a logged edit and some activity, all to go with it
      const invited = await purging.api(`/api/conventions/${id}/members`, {
        method: 'POST',
        body: JSON.stringify({ email: 'nina@caf.fr', name: 'Nina', organisationKind: 'caf', role: 'reader' }),
      })
      expect(invited.status).toBe(201)
      const editor = await connectClient(purging.wsUrl, id, editorToken)
      fieldText(findElements(editor.doc, 'ficheTitle')[0]!).insert(0, 'Bientôt purgé. ')
      await editor.settled()
      editor.destroy()
      expect((await purging.api(`/api/conventions/${id}/export?format=json`)).status).toBe(200)
      // the recorder writes `opened` and `changed` in the background: wait for them, so that
      // none lands after the purge
      const logged = async () => {
        const page = (await (await purging.api(`/api/conventions/${id}/activity`)).json()) as {
          activity: { action: string }[]
        }
        return page.activity.map((e) => e.action).sort()
      }
      await expect.poll(logged, { timeout: 20_000 }).toEqual(['changed', 'created', 'exported', 'opened', 'shared'])
      const before = await rowsOf(purging, database.env, id)
      expect(before).toMatchObject({ conventions: 1, memberships: 3, invitations: 1, activity: 5 })

      expect((await purging.api(`/api/conventions/${id}`, { method: 'DELETE' })).status).toBe(204)
      const deadline = Date.now() + 10_000
      let status = 0
      while (Date.now() < deadline && (status = (await purging.api(`/api/conventions/${id}`)).status) !== 404) {
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      expect(status).toBe(404)
      expect(await rowsOf(purging, database.env, id)).toEqual({
        conventions: 0,
        convention_updates: 0,
        memberships: 0,
        invitations: 0,
        activity: 0,
      })
      expect((await purging.api(`/api/conventions/${id}/restore`, { method: 'POST' })).status).toBe(404)
      expect((await purging.api('/api/conventions?bin=1')).status).toBe(200)
      expect(await (await purging.api('/api/conventions?bin=1')).json()).toEqual({ conventions: [], retentionDays: 0 })
      expect(await refusal(purging, id, editorToken)).toBe('authentication failed: forbidden')
      // what is not in the bin is never purged, whatever the retention
      expect((await purging.api(`/api/conventions/${kept}`)).status).toBe(200)
      expect((await rowsOf(purging, database.env, kept)).activity).toBe(1)
    } finally {
      await purging.stop()
      await database.drop()
      removeDir(purging.dataDir)
    }
  })
})

describe('binning through one process closes the sockets on another (Redis + PostgreSQL)', () => {
  let pair: ProcessPair
  let a: ServerProcess
  let b: ServerProcess

  beforeAll(async () => {
    pair = await startProcessPair()
    ;({ a, b } = pair)
  })
  afterAll(async () => {
    await pair?.stop()
  })

  it('an editor on B is closed with 4410 when the owner bins the convention through A; restored through A, B lets them in', async () => {
    const ownerToken = await issueTestToken()
    const api = (proc: ServerProcess, path: string, init: RequestInit = {}) =>
      fetch(proc.httpUrl + path, {
        ...init,
        headers: { Authorization: `Bearer ${ownerToken}`, 'Content-Type': 'application/json' },
      })
    const created = await api(a, '/api/conventions', {
      method: 'POST',
      body: JSON.stringify({ convention: smallConvention() }),
    })
    const { id } = (await created.json()) as { id: string }
    const onB = await connectClient(b.wsUrl, id, ownerToken)
    const told = deletedMessages(onB)
    const closed = closeOf(onB)
    expect((await api(a, `/api/conventions/${id}`, { method: 'DELETE' })).status).toBe(204)
    expect(await closed).toEqual({ code: 4410, reason: 'convention deleted' })
    expect(told).toEqual([{ type: 'deleted', deletedAt: expect.any(String), deletedBy: OWNER }])
    onB.destroy()
    expect((await api(b, `/api/conventions/${id}`)).status).toBe(410)

    expect((await api(a, `/api/conventions/${id}/restore`, { method: 'POST' })).status).toBe(200)
    const again = await connectClient(b.wsUrl, id, ownerToken)
    again.destroy()
  })
})
