import {
  conventionModel,
  participantStateResponseSchema,
  plenaryDetailResponseSchema,
  plenaryMessageSchema,
  plenariesResponseSchema,
  PLENARY_CODE_ALPHABET,
  publicPlenaryResponseSchema,
  supportsResponseSchema,
  threadResponseSchema,
  Y_FRAGMENT_NAME,
  type Convention,
  type PlenaryMessage,
} from '@ctg/shared'
import { Ajv2020 } from 'ajv/dist/2020.js'
import * as decoding from 'lib0/decoding'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { largeConvention } from '../fixtures/conventionFixtures.js'
import { closeOf } from '../helpers/closeOf.js'
import { connectClient, waitFor, type TestClient } from '../helpers/connectClient.js'
import { createConvention } from '../helpers/createConvention.js'
import { passageAnchor } from '../helpers/passagePositions.js'
import { call, joinPlenary, openPlenary } from '../helpers/plenaryApi.js'
import { removeDir, startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { storageEngines } from '../helpers/storageEngines.js'
import { findElements } from '../helpers/yFields.js'

const EDITOR = { id: 'u-editor', name: 'Élodie Rédactrice' }
const READER = { id: 'u-reader', name: 'Louis Lecteur' }
const FICHES = ['fa-1', 'fa-2', 'fa-3', 'fa-4', 'fa-5', 'fa-6']

const ENGINES = storageEngines()

/** The characters of the first `nodeName` field, without formatting. */
const textOf = (doc: Y.Doc, nodeName: string) => {
  const text = findElements(doc, nodeName)[0]?.get(0)
  return text instanceof Y.XmlText ? (text.toDelta() as { insert: string }[]).map((op) => op.insert).join('') : ''
}

/** Every stateless `plenary` message the client receives from now on. */
function plenaryMessages(client: TestClient): PlenaryMessage[] {
  const received: PlenaryMessage[] = []
  client.provider.on('stateless', ({ payload }: { payload: string }) => {
    const parsed = plenaryMessageSchema.safeParse(JSON.parse(payload))
    if (parsed.success) received.push(parsed.data)
  })
  return received
}

describe.each(ENGINES)('plénière on $name', (engine) => {
  let server: TestServer
  const clients: TestClient[] = []

  beforeAll(async () => {
    server = await startTestServer({ env: await engine.env() })
  })
  afterAll(async () => {
    await server.stop()
    removeDir(server.dataDir)
  })
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy()
  })

  async function setUp() {
    const id = await createConvention(server, largeConvention())
    const owner = await server.token()
    const editor = await server.memberToken(id, EDITOR, 'editor')
    const reader = await server.memberToken(id, READER, 'reader')
    const open = async (token: string) => {
      const client = await connectClient(server.wsUrl, id, token)
      clients.push(client)
      return client
    }
    return { id, owner, editor, reader, open }
  }

  it('opens with a code, answers the public lookup whatever the case, and lets a phone join with a cookie', async () => {
    const c = await setUp()
    expect((await call(server, 'POST', `/api/conventions/${c.id}/plenaries`, c.reader, { title: 'x' })).status).toBe(
      403,
    )
    const refused = await call(server, 'POST', `/api/conventions/${c.id}/plenaries`, c.editor, { title: '' })
    expect(refused.status).toBe(400)
    const plenary = await openPlenary(server, c.id, c.editor)
    expect(plenary.code).toMatch(new RegExp(`^[${PLENARY_CODE_ALPHABET}]{6}$`))
    expect(plenary).toMatchObject({ status: 'open', supportsPerParticipant: 3, moderation: 'after', closedAt: null })
    expect(plenary.joinUrl).toBe(`${server.httpUrl}/p/${plenary.code}`)
    const hours = (Date.parse(plenary.endsAt) - Date.parse(plenary.openedAt)) / 3600_000
    expect(hours).toBeCloseTo(4, 5)

    const listed = await call(server, 'GET', `/api/conventions/${c.id}/plenaries`, c.reader)
    expect(plenariesResponseSchema.parse(await listed.json()).plenaries.map((p) => p.id)).toEqual([plenary.id])

    const lookup = await call(server, 'GET', `/api/plenaries/${plenary.code.toLowerCase()}`)
    expect(lookup.status).toBe(200)
    expect(publicPlenaryResponseSchema.parse(await lookup.json()).plenary).toEqual({
      title: 'Atelier petite enfance — 12 mars',
      conventionTitle: largeConvention().title,
      status: 'open',
    })
    expect((await call(server, 'GET', '/api/plenaries/ZZZZZ2')).status).toBe(404)

    const joined = await call(server, 'POST', `/api/plenaries/${plenary.code.toLowerCase()}/join`, null, {
      name: '<b>Sophie</b> & co',
    })
    expect(joined.status).toBe(200)
    const body = (await joined.json()) as { participant: { id: string; name: string }; token: string }
    expect(body.participant.name).toBe('<b>Sophie</b> & co')
    const cookie = joined.headers.get('set-cookie')!
    expect(cookie).toContain(`ctg_participant=${body.token}`)
    expect(cookie).toMatch(/HttpOnly/)
    // the cookie alone opens the participant's routes
    const me = await fetch(`${server.httpUrl}/api/plenaries/${plenary.code}/me`, {
      headers: { Cookie: `ctg_participant=${body.token}` },
    })
    expect(me.status).toBe(200)
    expect(participantStateResponseSchema.parse(await me.json())).toMatchObject({
      participant: body.participant,
      supports: [],
      remaining: 3,
    })
    const anonymous = await joinPlenary(server, plenary.code, '   ')
    expect(anonymous.participant.name).toBe('Anonyme')
    // the participant reads the convention, not its members' routes
    const structured = await call(server, 'GET', `/api/plenaries/${plenary.code}/convention`, body.token)
    expect(structured.status).toBe(200)
    expect(conventionModel.safeParse(await structured.json()).success).toBe(true)
    expect((await call(server, 'GET', `/api/conventions/${c.id}/threads`, body.token)).status).toBe(401)
    expect((await call(server, 'GET', `/api/conventions/${c.id}/members`, body.token)).status).toBe(401)
    expect((await call(server, 'GET', `/api/conventions/${c.id}/activity`, body.token)).status).toBe(401)
    expect((await call(server, 'GET', '/api/conventions', body.token)).status).toBe(401)
    // its socket opens this convention, read-only, and no other
    const phone = await c.open(body.token)
    expect(phone.doc.getXmlFragment(Y_FRAGMENT_NAME).length).toBeGreaterThan(0)
    const otherConvention = await createConvention(server, largeConvention())
    await expect(connectClient(server.wsUrl, otherConvention, body.token)).rejects.toThrow('authentication failed')
  })

  it('keeps a participant within the budget even with 10 parallel requests, in the database itself', async () => {
    const c = await setUp()
    const plenary = await openPlenary(server, c.id, c.editor)
    const { participant, token } = await joinPlenary(server, plenary.code)
    const sets = Array.from({ length: 10 }, (_, i) =>
      // some sets are within the budget, some over it; all differ
      i % 3 === 0
        ? FICHES.slice(i % 6)
            .concat(FICHES)
            .slice(0, 4)
        : [FICHES[i % 6]!, FICHES[(i + 1) % 6]!, FICHES[(i + 3) % 6]!],
    )
    const answers = await Promise.all(
      sets.map((blockIds) => call(server, 'PUT', `/api/plenaries/${plenary.code}/supports`, token, { blockIds })),
    )
    for (const [i, answer] of answers.entries()) expect(answer.status).toBe(sets[i]!.length > 3 ? 422 : 200)
    const stored = await server.ctg.store.plenaries.supportsOf(participant.id)
    expect(stored.length).toBe(3)
    // one of the accepted sets, whole: no mixing of two requests
    expect(sets.filter((s) => s.length <= 3).map((s) => [...s].sort().join())).toContain(stored.join())

    // the database refuses past the budget even when the service's own check is skipped
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        server.ctg.store.plenaries
          .replaceSupports(plenary.id, participant.id, FICHES.slice(0, 3 + (i % 2)))
          .catch((error: Error) => error.message),
      ),
    )
    expect((await server.ctg.store.plenaries.supportsOf(participant.id)).length).toBeLessThanOrEqual(3)

    const over = await call(server, 'PUT', `/api/plenaries/${plenary.code}/supports`, token, {
      blockIds: ['fa-1', 'fa-2', 'fa-3', 'fa-4'],
    })
    expect(over.status).toBe(422)
    expect(((await over.json()) as { error: { code: string } }).error.code).toBe('support_budget')
    const before = await server.ctg.store.plenaries.supportsOf(participant.id)
    const notFiche = await call(server, 'PUT', `/api/plenaries/${plenary.code}/supports`, token, {
      blockIds: ['ka-1-1'],
    })
    expect(notFiche.status).toBe(400)
    expect(((await notFiche.json()) as { error: { code: string } }).error.code).toBe('invalid_body')
    expect(await server.ctg.store.plenaries.supportsOf(participant.id)).toEqual(before)

    // duplicates count once
    const twice = await call(server, 'PUT', `/api/plenaries/${plenary.code}/supports`, token, {
      blockIds: ['fa-2', 'fa-2', 'fa-5'],
    })
    expect(supportsResponseSchema.parse(await twice.json())).toEqual({ supports: ['fa-2', 'fa-5'], remaining: 1 })
  })

  it('refuses supports and comments after closing (410), with another plénière’s token or a forged one (401)', async () => {
    const c = await setUp()
    const plenary = await openPlenary(server, c.id, c.editor)
    const other = await openPlenary(server, c.id, c.owner, { title: 'Atelier parentalité' })
    const { token } = await joinPlenary(server, plenary.code)
    const { token: otherToken } = await joinPlenary(server, other.code)
    const supports = (t: string | null) =>
      call(server, 'PUT', `/api/plenaries/${plenary.code}/supports`, t, { blockIds: ['fa-1'] })
    const comment = (t: string | null) =>
      call(server, 'POST', `/api/plenaries/${plenary.code}/comments`, t, { anchor: { blockId: 'fa-1' }, body: 'Oui !' })

    const forged = token.slice(0, -4) + 'AAAA'
    for (const t of [otherToken, forged, 'ctgp_pp-nobody.' + 'A'.repeat(32), c.editor, null]) {
      expect((await supports(t)).status).toBe(401)
      expect((await comment(t)).status).toBe(401)
    }
    expect((await supports(token)).status).toBe(200)
    expect((await comment(token)).status).toBe(201)

    // the plénière's facilitator: its opener or an owner, not another rédacteur or a reader
    const close = `/api/conventions/${c.id}/plenaries/${plenary.id}/close`
    expect((await call(server, 'POST', close, c.reader)).status).toBe(403)
    const closed = await call(server, 'POST', close, c.owner)
    expect(closed.status).toBe(200)
    expect(((await closed.json()) as { plenary: { status: string } }).plenary.status).toBe('closed')

    for (const answer of [await supports(token), await comment(token)]) {
      expect(answer.status).toBe(410)
      expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('plenary_closed')
    }
    expect((await supports(otherToken)).status).toBe(401)
    expect((await call(server, 'POST', `/api/plenaries/${plenary.code}/join`, null, { name: 'Tard' })).status).toBe(410)
    const lookup = publicPlenaryResponseSchema.parse(
      await (await call(server, 'GET', `/api/plenaries/${plenary.code}`)).json(),
    )
    expect(lookup.plenary.status).toBe('closed')
    // the other plénière is still open
    expect(
      (await call(server, 'PUT', `/api/plenaries/${other.code}/supports`, otherToken, { blockIds: ['fa-2'] })).status,
    ).toBe(200)
    // and the store refuses on its own once closed
    await expect(server.ctg.store.plenaries.replaceSupports(plenary.id, await joinedId(token), [])).rejects.toThrow(
      'plenary_closed',
    )
  })

  /** The participant id a token names. */
  const joinedId = async (token: string) => token.slice('ctgp_'.length).split('.')[0]!

  it('a participant follows the document read-only: no write by the socket or any route, no awareness either way', async () => {
    const c = await setUp()
    const plenary = await openPlenary(server, c.id, c.editor)
    const { token } = await joinPlenary(server, plenary.code)
    const writer = await c.open(c.editor)
    writer.provider.setAwarenessField('cursor', { at: 1 })
    const phone = await c.open(token)
    const before = Y.encodeStateVector(server.ctg.server.hocuspocus.documents.get(c.id)!)

    // the writers' edits reach the phone
    const title = findElements(writer.doc, 'ficheTitle')[0]!.get(0) as Y.XmlText
    title.insert(0, 'Vite : ')
    await waitFor(() => textOf(phone.doc, 'ficheTitle').startsWith('Vite : '), 'edit at the phone')

    // the phone's own edit goes nowhere
    const phoneTitle = findElements(phone.doc, 'ficheTitle')[0]!.get(0) as Y.XmlText
    phoneTitle.insert(0, 'PIRATE ')
    phone.provider.setAwarenessField('cursor', { at: 2 })
    // a later edit by the writer arrives, so the phone's would have too
    title.insert(0, '! ')
    await waitFor(() => textOf(phone.doc, 'ficheTitle').includes('! '), 'second edit at the phone')
    await writer.settled()
    expect(textOf(writer.doc, 'ficheTitle')).not.toContain('PIRATE')
    const live = server.ctg.server.hocuspocus.documents.get(c.id)!
    expect(textOf(live, 'ficheTitle')).not.toContain('PIRATE')
    // only the writer's client id changed the server's document
    const after = Y.decodeStateVector(Y.encodeStateVector(live))
    const changed = [...after].filter(([client, clock]) => (Y.decodeStateVector(before).get(client) ?? 0) !== clock)
    expect(changed.map(([client]) => client)).toEqual([writer.doc.clientID])
    // awareness: the writer never sees the phone, the phone never sees the writer
    expect([...writer.provider.awareness!.getStates().keys()]).not.toContain(phone.doc.clientID)
    expect([...phone.provider.awareness!.getStates().keys()]).toEqual([phone.doc.clientID])

    // no route of the participant writes to the document but the server's own comment anchor
    const sv = Y.encodeStateVector(live)
    await call(server, 'PUT', `/api/plenaries/${plenary.code}/supports`, token, { blockIds: ['fa-1', 'fa-2'] })
    await call(server, 'GET', `/api/plenaries/${plenary.code}/convention`, token)
    await call(server, 'GET', `/api/plenaries/${plenary.code}/me`, token)
    await call(server, 'POST', `/api/plenaries/${plenary.code}/comments`, token, {
      anchor: { blockId: 'fa-3' },
      body: 'Bien',
    })
    expect(Y.encodeStateVector(live)).toEqual(sv)
    // the participant's connection is read-only and has no user
    const phones = [...live.getConnections()].filter((conn) => (conn.context as { participant?: unknown }).participant)
    expect(phones.length).toBe(1)
    expect(phones[0]!.readOnly).toBe(true)
  })

  it('a phone gets the writers’ keystrokes merged, members each one at once, and both end with every character', async () => {
    const c = await setUp()
    const plenary = await openPlenary(server, c.id, c.editor)
    const { token } = await joinPlenary(server, plenary.code)
    const writer = await c.open(c.editor)
    const member = await c.open(c.reader)
    const phone = await c.open(token)
    const updatesReceived = (client: TestClient) => {
      const count = { updates: 0 }
      client.provider.on('message', ({ event }: { event: MessageEvent<ArrayBuffer> }) => {
        const decoder = decoding.createDecoder(new Uint8Array(event.data))
        decoding.readVarString(decoder)
        // a Sync message (0) carrying an update (2)
        if (decoding.readVarUint(decoder) === 0 && decoding.readVarUint(decoder) === 2) count.updates++
      })
      return count
    }
    const atMember = updatesReceived(member)
    const atPhone = updatesReceived(phone)
    const title = findElements(writer.doc, 'ficheTitle')[0]!.get(0) as Y.XmlText
    const typed = 'Accueil du mercredi'
    // one keystroke at a time, each seen by the member before the next
    for (const [i, character] of [...typed].entries()) {
      title.insert(i, character)
      await waitFor(
        () => textOf(member.doc, 'ficheTitle').startsWith(typed.slice(0, i + 1)),
        `keystroke ${i} at the member`,
      )
    }
    await waitFor(() => textOf(phone.doc, 'ficheTitle').startsWith(typed), 'every keystroke at the phone')
    expect(atMember.updates).toBe(typed.length)
    // the phone's arrive in windows of PARTICIPANT_FLUSH_MS: far fewer messages for the same text
    expect(atPhone.updates).toBeGreaterThan(0)
    expect(atPhone.updates).toBeLessThan(typed.length / 2)
  })

  it('comments on a passage with a server-written anchor, marked with the plénière and the display name; moderation', async () => {
    const c = await setUp()
    const plenary = await openPlenary(server, c.id, c.editor, { title: 'Atelier', moderation: 'before' })
    const { participant, token } = await joinPlenary(server, plenary.code, 'Karim (PMI)')
    const phone = await c.open(token)
    const label = findElements(phone.doc, 'keyActionLabel')[0]!.get(0) as Y.XmlText
    const posted = await call(server, 'POST', `/api/plenaries/${plenary.code}/comments`, token, {
      anchor: passageAnchor(label, 0, 8),
      body: 'Et les horaires ?',
    })
    expect(posted.status).toBe(201)
    const { thread } = threadResponseSchema.parse(await posted.json())
    expect(thread.author).toEqual(participant)
    expect(thread.plenaryId).toBe(plenary.id)
    // `before`: hidden until shown, so members do not see it yet
    const threads = async () =>
      (
        (await (await call(server, 'GET', `/api/conventions/${c.id}/threads`, c.reader)).json()) as {
          threads: { id: string }[]
        }
      ).threads.map((t) => t.id)
    expect(await threads()).not.toContain(thread.id)
    const detail = async () =>
      plenaryDetailResponseSchema.parse(
        await (await call(server, 'GET', `/api/conventions/${c.id}/plenaries/${plenary.id}`, c.editor)).json(),
      )
    expect((await detail()).comments).toEqual([
      {
        threadId: thread.id,
        anchor: { blockId: 'ka-1-1', quote: textOf(phone.doc, 'keyActionLabel').slice(0, 8), detached: false },
        participant,
        body: 'Et les horaires ?',
        createdAt: thread.createdAt,
        hidden: true,
      },
    ])
    const path = `/api/conventions/${c.id}/plenaries/${plenary.id}/comments/${thread.id}`
    expect((await call(server, 'PATCH', path, c.editor, { hidden: false })).status).toBe(200)
    expect(await threads()).toContain(thread.id)
    expect((await detail()).comments[0]!.hidden).toBe(false)
    expect((await call(server, 'PATCH', path, c.editor, { hidden: 'non' })).status).toBe(400)
    expect((await call(server, 'PATCH', `${path}x`, c.editor, { hidden: true })).status).toBe(404)
  })

  it('an excluded participant is cut off at once: socket closed, routes 401, comments hidden', async () => {
    const c = await setUp()
    const plenary = await openPlenary(server, c.id, c.editor)
    const { participant, token } = await joinPlenary(server, plenary.code)
    const kept = await joinPlenary(server, plenary.code, 'Reste')
    await call(server, 'POST', `/api/plenaries/${plenary.code}/comments`, token, {
      anchor: { blockId: 'fa-2' },
      body: 'Spam',
    })
    for (const holder of [token, kept.token])
      expect(
        (await call(server, 'PUT', `/api/plenaries/${plenary.code}/supports`, holder, { blockIds: ['fa-2'] })).status,
      ).toBe(200)
    const phone = await c.open(token)
    const other = await c.open(kept.token)
    const messages = plenaryMessages(phone)
    const closed = closeOf(phone)
    const started = performance.now()
    const excluded = await call(
      server,
      'DELETE',
      `/api/conventions/${c.id}/plenaries/${plenary.id}/participants/${participant.id}`,
      c.editor,
    )
    expect(excluded.status).toBe(204)
    expect(await closed).toEqual({ code: 4401, reason: 'participant excluded' })
    expect(performance.now() - started).toBeLessThan(1000)
    expect(messages).toEqual([{ type: 'plenary', plenaryId: plenary.id, event: 'excluded' }])
    expect((await call(server, 'PUT', `/api/plenaries/${plenary.code}/supports`, token, { blockIds: [] })).status).toBe(
      401,
    )
    await expect(connectClient(server.wsUrl, c.id, token)).rejects.toThrow('authentication failed')
    const detail = plenaryDetailResponseSchema.parse(
      await (await call(server, 'GET', `/api/conventions/${c.id}/plenaries/${plenary.id}`, c.owner)).json(),
    )
    expect(detail.participants.find((p) => p.id === participant.id)?.excluded).toBe(true)
    expect(detail.comments.map((cm) => cm.hidden)).toEqual([true])
    // the ranking counts the supports of those who remain
    expect(detail.ranking.find((r) => r.blockId === 'fa-2')?.supports).toBe(1)
    // the other participant stays connected
    expect(other.socket.status).toBe('connected')
  })

  it('ranks every fiche, writes the ranking into the fiches, and exports results that validate and import back', async () => {
    const c = await setUp()
    const plenary = await openPlenary(server, c.id, c.editor)
    const votes = [['fa-3', 'fa-5'], ['fa-5'], ['fa-5', 'fa-3', 'fa-1']]
    for (const [i, blockIds] of votes.entries()) {
      const { token } = await joinPlenary(server, plenary.code, `P${i}`)
      expect((await call(server, 'PUT', `/api/plenaries/${plenary.code}/supports`, token, { blockIds })).status).toBe(
        200,
      )
      if (i === 0) {
        await call(server, 'POST', `/api/plenaries/${plenary.code}/comments`, token, {
          anchor: { blockId: 'fa-3' },
          body: 'Prioritaire',
        })
      }
    }
    const detail = plenaryDetailResponseSchema.parse(
      await (await call(server, 'GET', `/api/conventions/${c.id}/plenaries/${plenary.id}`, c.editor)).json(),
    )
    expect(detail.ranking).toEqual([
      { blockId: 'fa-5', supports: 3 },
      { blockId: 'fa-3', supports: 2 },
      { blockId: 'fa-1', supports: 1 },
      { blockId: 'fa-2', supports: 0 },
      { blockId: 'fa-4', supports: 0 },
      { blockId: 'fa-6', supports: 0 },
    ])
    const writer = await c.open(c.editor)
    const path = `/api/conventions/${c.id}/plenaries/${plenary.id}/priorities`
    expect((await call(server, 'POST', path, c.reader, {})).status).toBe(403)
    const written = await call(server, 'POST', path, c.editor, {})
    expect(written.status).toBe(200)
    expect(((await written.json()) as { priorities: unknown[] }).priorities.slice(0, 4)).toEqual([
      { blockId: 'fa-5', priority: 1 },
      { blockId: 'fa-3', priority: 2 },
      { blockId: 'fa-1', priority: 3 },
      { blockId: 'fa-2', priority: null },
    ])
    const priorityOf = (doc: Y.Doc, id: string) =>
      (doc.getXmlFragment(Y_FRAGMENT_NAME).toArray() as Y.XmlElement[])
        .find((e) => e instanceof Y.XmlElement && e.getAttribute('id') === id)
        ?.getAttribute('priority')
    await waitFor(() => priorityOf(writer.doc, 'fa-5') === (1 as never), 'the priority at the writer')

    await call(server, 'POST', `/api/conventions/${c.id}/plenaries/${plenary.id}/close`, c.editor)
    const schema = await (await fetch(`${server.httpUrl}/api/schema/convention.json`)).json()
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema as object)
    const exported = (await (
      await call(server, 'GET', `/api/conventions/${c.id}/export?format=json`, c.editor)
    ).json()) as Convention
    expect(validate(exported), JSON.stringify(validate.errors)).toBe(true)
    expect(exported.content.find((b) => b.type === 'ficheAction' && b.id === 'fa-5')).toMatchObject({ priority: 1 })
    expect(exported.plenaries).toHaveLength(1)
    const record = exported.plenaries![0]!
    expect(record).toMatchObject({
      id: plenary.id,
      title: plenary.title,
      openedAt: plenary.openedAt,
      participantCount: 3,
    })
    expect(record.closedAt).not.toBeNull()
    expect(record.supports.slice(0, 3)).toEqual(detail.ranking.slice(0, 3))
    expect(record.comments).toEqual([
      { blockId: 'fa-3', name: 'P0', body: 'Prioritaire', createdAt: expect.any(String), hidden: false },
    ])
    // an import keeps the record as it is
    const imported = await createConvention(server, exported)
    const again = (await (
      await call(server, 'GET', `/api/conventions/${imported}/export?format=json`, c.owner)
    ).json()) as Convention
    expect(again.plenaries).toEqual(exported.plenaries)
  })

  it('a plénière past its end time counts as closed: routes 410, sockets closed, the database refuses too', async () => {
    const c = await setUp()
    const endsAt = new Date(Date.now() + 3000).toISOString()
    const plenary = await openPlenary(server, c.id, c.editor, { title: 'Courte', endsAt })
    expect(plenary.endsAt).toBe(endsAt)
    const { participant, token } = await joinPlenary(server, plenary.code)
    const phone = await c.open(token)
    const closed = closeOf(phone)
    expect(await closed).toEqual({ code: 4410, reason: 'plenary closed' })
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(endsAt))
    const answer = await call(server, 'PUT', `/api/plenaries/${plenary.code}/supports`, token, { blockIds: ['fa-1'] })
    expect(answer.status).toBe(410)
    await expect(server.ctg.store.plenaries.replaceSupports(plenary.id, participant.id, ['fa-1'])).rejects.toThrow(
      'plenary_closed',
    )
    const listed = plenariesResponseSchema.parse(
      await (await call(server, 'GET', `/api/conventions/${c.id}/plenaries`, c.editor)).json(),
    ).plenaries[0]!
    expect(listed).toMatchObject({ status: 'closed', closedAt: endsAt })
    expect(
      (
        await call(server, 'POST', `/api/conventions/${c.id}/plenaries`, c.editor, {
          title: 'x',
          endsAt: '2020-01-01T00:00:00Z',
        })
      ).status,
    ).toBe(400)
  })

  it('limits failed code guesses per address, not joins', async () => {
    // a fresh server: the guesses of other tests do not count here
    const own = await startTestServer({ env: await engine.env() })
    try {
      const id = await createConvention(own, largeConvention())
      const plenary = await openPlenary(own, id, await own.token())
      const joins = await Promise.all(Array.from({ length: 40 }, (_, i) => joinPlenary(own, plenary.code, `P${i}`)))
      expect(new Set(joins.map((j) => j.participant.id)).size).toBe(40)
      const guesses: number[] = []
      for (let i = 0; i < 25; i++)
        guesses.push((await call(own, 'GET', `/api/plenaries/AAAA${PLENARY_CODE_ALPHABET[i]}2`)).status)
      expect(guesses.slice(0, 20).every((s) => s === 404)).toBe(true)
      expect(guesses.slice(20).every((s) => s === 429)).toBe(true)
      // even the right code waits now: guessing costs the address
      expect((await call(own, 'POST', `/api/plenaries/${plenary.code}/join`, null, { name: 'x' })).status).toBe(429)
    } finally {
      await own.stop()
      removeDir(own.dataDir)
    }
  })
})
