import { plenaryDetailResponseSchema, plenaryMessageSchema, type PlenaryMessage } from '@ctg/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { largeConvention } from '../fixtures/conventionFixtures.js'
import { closeOf } from '../helpers/closeOf.js'
import { connectClient, waitFor, type TestClient } from '../helpers/connectClient.js'
import { call, joinPlenary, openPlenary } from '../helpers/plenaryApi.js'
import { issueTestToken, type ServerProcess } from '../helpers/startServerProcess.js'
import { startProcessPair, type ProcessPair } from '../helpers/startProcessPair.js'

/** Every stateless `plenary` message the client receives from now on. */
function plenaryMessages(client: TestClient): PlenaryMessage[] {
  const received: PlenaryMessage[] = []
  client.provider.on('stateless', ({ payload }: { payload: string }) => {
    const parsed = plenaryMessageSchema.safeParse(JSON.parse(payload))
    if (parsed.success) received.push(parsed.data)
  })
  return received
}

describe('a plénière on two processes (PostgreSQL, Redis)', () => {
  let pair: ProcessPair
  let a: ServerProcess
  let b: ServerProcess
  const clients: TestClient[] = []

  beforeAll(async () => {
    pair = await startProcessPair()
    ;({ a, b } = pair)
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await pair?.stop()
  })

  it("a participant's pace counts across the processes: 20 comments a minute between A and B, then 429", async () => {
    const owner = await issueTestToken()
    const created = await call(a, 'POST', '/api/conventions', owner, { convention: largeConvention() })
    const { id } = (await created.json()) as { id: string }
    const plenary = await openPlenary(a, id, owner)
    const { token } = await joinPlenary(b, plenary.code, 'Karim (PMI)')
    const comment = async (proc: ServerProcess, i: number) =>
      call(proc, 'POST', `/api/plenaries/${plenary.code}/comments`, token, {
        anchor: { blockId: 'fa-4' },
        body: `Remarque ${i}`,
      })
    const statuses = []
    for (let i = 0; i < 20; i++) statuses.push((await comment(i % 2 ? b : a, i)).status)
    expect(statuses).toEqual(Array(20).fill(201))
    // each process alone has seen 10: counted apart, both would let more through
    for (const proc of [a, b]) {
      const refused = await comment(proc, 20)
      expect(refused.status).toBe(429)
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('too_many_messages')
      expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0)
    }
  })

  it('participants joining, commenting and supporting through A reach the facilitator on B; closing on B cuts off phones on A', async () => {
    const owner = await issueTestToken()
    const created = await call(a, 'POST', '/api/conventions', owner, { convention: largeConvention() })
    const { id } = (await created.json()) as { id: string }
    const plenary = await openPlenary(a, id, owner)

    const facilitator = await connectClient(b.wsUrl, id, owner)
    clients.push(facilitator)
    const seen = plenaryMessages(facilitator)
    const has = (event: PlenaryMessage['event']) => seen.some((m) => m.event === event && m.plenaryId === plenary.id)

    const { participant, token } = await joinPlenary(a, plenary.code, 'Nadia (centre social)')
    await waitFor(() => has('joined'), 'joined at B', 2000)
    expect(
      (await call(a, 'PUT', `/api/plenaries/${plenary.code}/supports`, token, { blockIds: ['fa-4'] })).status,
    ).toBe(200)
    await waitFor(() => has('supported'), 'supported at B', 2000)
    const posted = await call(a, 'POST', `/api/plenaries/${plenary.code}/comments`, token, {
      anchor: { blockId: 'fa-4' },
      body: 'Indispensable',
    })
    expect(posted.status).toBe(201)
    await waitFor(() => has('commented'), 'commented at B', 2000)
    // B's view holds them (same database)
    const detail = plenaryDetailResponseSchema.parse(
      await (await call(b, 'GET', `/api/conventions/${id}/plenaries/${plenary.id}`, owner)).json(),
    )
    expect(detail.participants.map((p) => p.name)).toEqual(['Nadia (centre social)'])
    expect(detail.ranking[0]).toEqual({ blockId: 'fa-4', supports: 1 })
    expect(detail.comments.map((c) => [c.participant.id, c.body])).toEqual([[participant.id, 'Indispensable']])

    // a phone on A, the closing made on B
    const phone = await connectClient(a.wsUrl, id, token)
    clients.push(phone)
    const phoneSeen = plenaryMessages(phone)
    const closed = closeOf(phone)
    const started = performance.now()
    expect((await call(b, 'POST', `/api/conventions/${id}/plenaries/${plenary.id}/close`, owner)).status).toBe(200)
    expect(await closed).toEqual({ code: 4410, reason: 'plenary closed' })
    expect(performance.now() - started).toBeLessThan(2000)
    expect(phoneSeen).toEqual([{ type: 'plenary', plenaryId: plenary.id, event: 'closed' }])
    // the phone never received the members' messages
    expect(phoneSeen.some((m) => m.event !== 'closed')).toBe(false)
    expect((await call(a, 'PUT', `/api/plenaries/${plenary.code}/supports`, token, { blockIds: [] })).status).toBe(410)
    // A kept this participant's access in memory (their requests above): the closing dropped it
    const late = await call(a, 'POST', `/api/plenaries/${plenary.code}/comments`, token, {
      anchor: { blockId: 'fa-4' },
      body: 'Trop tard',
    })
    expect(late.status).toBe(410)

    // failed code guesses count across the processes (Redis): 12 on A, then B has 8 left
    const guess = async (proc: ServerProcess, i: number) =>
      (await call(proc, 'GET', `/api/plenaries/QQQQ${'23456789ABCDEFGHJKMN'[i]}Q`)).status
    for (let i = 0; i < 12; i++) expect(await guess(a, i)).toBe(404)
    const onB = []
    for (let i = 12; i < 20 + 3; i++) onB.push(await guess(b, i % 20))
    expect(onB).toEqual([404, 404, 404, 404, 404, 404, 404, 404, 429, 429, 429])
  })

  it('a participant whose access A keeps in memory is refused on A once excluded on B, and once the convention is binned on B', async () => {
    const owner = await issueTestToken()
    const created = await call(a, 'POST', '/api/conventions', owner, { convention: largeConvention() })
    const { id } = (await created.json()) as { id: string }
    const plenary = await openPlenary(a, id, owner)
    const comment = (token: string) =>
      call(a, 'POST', `/api/plenaries/${plenary.code}/comments`, token, { anchor: { blockId: 'fa-4' }, body: 'Oui' })
    const me = (token: string) => call(a, 'GET', `/api/plenaries/${plenary.code}/me`, token)
    const excluded = await joinPlenary(a, plenary.code, 'Exclue')
    const stays = await joinPlenary(a, plenary.code, 'Reste')
    // both served by A: their access is now in A's memory
    for (const { token } of [excluded, stays]) {
      expect((await comment(token)).status).toBe(201)
      expect((await me(token)).status).toBe(200)
    }

    // excluded on B, their phone on A: once A has applied it (the socket closes), A's routes refuse
    const phone = await connectClient(a.wsUrl, id, excluded.token)
    clients.push(phone)
    const cut = closeOf(phone)
    const path = `/api/conventions/${id}/plenaries/${plenary.id}/participants/${excluded.participant.id}`
    expect((await call(b, 'DELETE', path, owner)).status).toBe(204)
    expect(await cut).toEqual({ code: 4401, reason: 'participant excluded' })
    expect((await comment(excluded.token)).status).toBe(401)
    expect((await me(excluded.token)).status).toBe(401)
    // the other participant is untouched
    expect((await comment(stays.token)).status).toBe(201)

    // the convention moved to the bin on B: A refuses the participant it kept
    const stayingPhone = await connectClient(a.wsUrl, id, stays.token)
    clients.push(stayingPhone)
    const binned = closeOf(stayingPhone)
    expect((await call(b, 'DELETE', `/api/conventions/${id}`, owner)).status).toBe(204)
    expect((await binned).code).toBe(4410)
    expect((await comment(stays.token)).status).toBe(410)
    expect((await me(stays.token)).status).toBe(410)
  })
})
