import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import type { Convention } from '@ctg/shared'
import RedisClient from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { accessMessages } from '../helpers/accessMessages.js'
import { closeOf } from '../helpers/closeOf.js'
import { connectClient, waitFor, type TestClient } from '../helpers/connectClient.js'
import { conventionSharedWithEditor } from '../helpers/sharedConvention.js'
import { freePort } from '../helpers/freePort.js'
import { issueTestToken, startServerProcess, type ServerProcess } from '../helpers/startServerProcess.js'
import { removeDir, startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { createConvention } from '../helpers/createConvention.js'
import { acceptInvitation } from '../helpers/acceptInvitation.js'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase.js'
import { listenToRedis } from '../helpers/redisMessages.js'
import { syncStatuses } from '../helpers/syncStatuses.js'
import { fieldText, findElements } from '../helpers/yFields.js'

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

/** What the editor's next edit is prefixed with, and must never reach the server. */
const REFUSED = 'Refusé '

describe('role changes made through one process reach the connections on another (Redis + PostgreSQL)', () => {
  const prefix = `ctg-test-${randomBytes(4).toString('hex')}`
  let database: TestDatabase
  let a: ServerProcess
  let b: ServerProcess
  const dataDirs: string[] = []
  let ownerToken: string
  let redis: RedisClient

  beforeAll(async () => {
    database = await createTestDatabase()
    ownerToken = await issueTestToken()
    redis = new RedisClient(REDIS_URL)
    const start = async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'ctg-bus-'))
      dataDirs.push(dataDir)
      return startServerProcess({
        port: await freePort(),
        dataDir,
        env: { DATABASE_URL: database.url, REDIS_URL, REDIS_PREFIX: prefix },
      })
    }
    ;[a, b] = await Promise.all([start(), start()])
  })
  afterAll(async () => {
    redis?.disconnect()
    await Promise.all([a?.stop(), b?.stop()])
    await database?.drop()
    dataDirs.forEach(removeDir)
  })

  const api = (proc: ServerProcess, path: string, init: RequestInit = {}) =>
    fetch(proc.httpUrl + path, {
      ...init,
      headers: { Authorization: `Bearer ${ownerToken}`, 'Content-Type': 'application/json' },
    })

  /** A convention created on A, shared with a new editor; their token and user id. */
  async function sharedConvention(): Promise<{ id: string; editorId: string; editorToken: string }> {
    const { id, editorId, link } = await conventionSharedWithEditor(api, a)
    return { id, editorId, editorToken: await acceptInvitation(link, { name: 'Élodie' }) }
  }

  const setRoleOnA = (id: string, userId: string, role: string) =>
    api(a, `/api/conventions/${id}/members/${userId}`, { method: 'PATCH', body: JSON.stringify({ role }) })

  async function exportedTitle(proc: ServerProcess, id: string): Promise<string> {
    const response = await api(proc, `/api/conventions/${id}/export?format=json`)
    const convention = (await response.json()) as Convention
    const fiche = convention.content.find((block) => block.type === 'ficheAction') as { title: string }
    return fiche.title
  }

  const title = (client: TestClient) => fieldText(findElements(client.doc, 'ficheTitle')[0]!)

  /**
   * The editor's edit is refused: B answers it with SyncStatus false (waited for, not a fixed
   * time), and neither B nor A has it nor finds it in storage.
   */
  async function expectEditRefused(editor: TestClient, id: string) {
    const answers = syncStatuses(editor)
    title(editor).insert(0, REFUSED)
    await waitFor(() => answers.includes(false), 'B refuses the edit')
    expect(await exportedTitle(b, id)).not.toContain(REFUSED)
    expect(await exportedTitle(a, id)).not.toContain(REFUSED)
  }

  it('an editor on B lowered to reader through A is read-only within a second; a revoke through A closes the socket with 4403', async () => {
    const { id, editorId, editorToken } = await sharedConvention()
    const editor = await connectClient(b.wsUrl, id, editorToken)
    const received = accessMessages(editor)
    // the same person on A, the process that makes the change: told once, like B
    const editorOnA = await connectClient(a.wsUrl, id, editorToken)
    const receivedOnA = accessMessages(editorOnA)
    title(editor).insert(0, 'Avant ')
    await editor.settled()
    expect(await exportedTitle(b, id)).toMatch(/^Avant /)

    expect((await setRoleOnA(id, editorId, 'reader')).status).toBe(200)
    const changedAt = Date.now()
    await waitFor(() => received.length === 1, 'the access message on B', 1_000)
    expect(Date.now() - changedAt).toBeLessThan(1_000)
    expect(received).toEqual([{ type: 'access', role: 'reader' }])
    await expectEditRefused(editor, id)
    expect(receivedOnA).toEqual([{ type: 'access', role: 'reader' }])
    editorOnA.destroy()

    const closed = closeOf(editor)
    expect((await api(a, `/api/conventions/${id}/members/${editorId}`, { method: 'DELETE' })).status).toBe(204)
    expect(await closed).toEqual({ code: 4403, reason: 'access revoked' })
    expect(received).toEqual([
      { type: 'access', role: 'reader' },
      { type: 'access', role: null },
    ])
    editor.destroy()
  })

  it('garbage on the access channel is logged and ignored; the processes keep serving and applying changes', async () => {
    const channel = `${prefix}#access`
    const garbage = [
      'not json',
      '{}',
      'null',
      JSON.stringify({ origin: 'x', event: { type: 'membershipChanged' } }),
      JSON.stringify({ origin: 'x', event: { type: 'sessionEnded', sessionId: 42 } }),
      JSON.stringify({ origin: 'x', event: { type: 'dropTables' } }),
      JSON.stringify({
        origin: 'x',
        event: { type: 'membershipChanged', conventionId: 'c', userId: 'u', role: 'owner' },
      }),
      JSON.stringify({ origin: 'x', event: { type: 'sessionEnded', sessionId: 's'.repeat(10_000) } }),
    ]
    for (const message of garbage) expect(await redis.publish(channel, message)).toBeGreaterThanOrEqual(2)

    const ignored = (proc: ServerProcess) => proc.stderr().split('ignored a malformed message').length - 1
    await waitFor(
      () => ignored(a) === garbage.length && ignored(b) === garbage.length,
      'each process logs each',
      10_000,
    )
    expect([a.child.exitCode, b.child.exitCode]).toEqual([null, null])

    // and the bus still works
    const { id, editorId, editorToken } = await sharedConvention()
    const editor = await connectClient(b.wsUrl, id, editorToken)
    const received = accessMessages(editor)
    expect((await setRoleOnA(id, editorId, 'commenter')).status).toBe(200)
    await waitFor(() => received.length === 1, 'the access message on B', 1_000)
    expect(received).toEqual([{ type: 'access', role: 'commenter' }])
    editor.destroy()
  })

  it('a change and a sign-out published while B was cut off from Redis are applied when B comes back (its connections are checked against the database)', async () => {
    const { id, editorId, editorToken } = await sharedConvention()
    const editor = await connectClient(b.wsUrl, id, editorToken)
    const received = accessMessages(editor)
    // a second session of the owner, signed out during the cut
    const ownerSession = await issueTestToken()
    const ownerOnB = await connectClient(b.wsUrl, id, ownerSession)
    const ownerClosed = closeOf(ownerOnB)
    const onChannel = await listenToRedis(REDIS_URL, `${prefix}#access`)
    try {
      // B freezes, and Redis drops its connections: the change below is published to nobody on B
      process.kill(b.child.pid!, 'SIGSTOP')
      const ofB = ((await redis.client('LIST')) as string)
        .split('\n')
        .filter((line) => line.includes(` name=${prefix}:${b.child.pid} `))
        .map((line) => /\bid=(\d+)/.exec(line)![1]!)
      expect(ofB.length).toBeGreaterThanOrEqual(4)
      for (const clientId of ofB) await redis.client('KILL', 'ID', clientId)
      expect((await setRoleOnA(id, editorId, 'reader')).status).toBe(200)
      const signedOut = await fetch(`${a.httpUrl}/api/auth/logout`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${ownerSession}` },
      })
      expect(signedOut.status).toBe(204)
      // A publishes without waiting for Redis: wait until both events went through Redis (and so past B)
      await waitFor(
        () => onChannel.seen('membershipChanged') && onChannel.seen('sessionEnded'),
        'A publishes both events',
      )
      process.kill(b.child.pid!, 'SIGCONT')

      await waitFor(() => received.length === 1, 'B re-checks the role once Redis is back', 10_000)
      expect(received).toEqual([{ type: 'access', role: 'reader' }])
      await expectEditRefused(editor, id)
      expect(await ownerClosed).toEqual({ code: 4401, reason: 'signed out' })
    } finally {
      process.kill(b.child.pid!, 'SIGCONT')
      onChannel.stop()
      editor.destroy()
      ownerOnB.destroy()
    }
  })
})

describe("a sign-out closes the session's sockets on every process", () => {
  const prefix = `ctg-test-${randomBytes(4).toString('hex')}`
  const EDITOR = { id: 'u-editor', name: 'Élodie (EPCI)' }
  let database: TestDatabase
  let a: TestServer
  let b: TestServer

  // two servers in this process, so that the test can call `live.endSession` as the logout route will
  beforeAll(async () => {
    database = await createTestDatabase()
    const env = { DATABASE_URL: database.url, REDIS_URL, REDIS_PREFIX: prefix }
    a = await startTestServer({ env })
    b = await startTestServer({ env })
  })
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()])
    await database?.drop()
    ;[a, b].forEach((server) => server && removeDir(server.dataDir))
  })

  it("signing out on A closes that session's sockets on A and on B with 4401; another session stays", async () => {
    const id = await createConvention(a)
    const laptop = await a.memberToken(id, EDITOR, 'editor')
    const phone = await a.token(EDITOR)
    const onA = await connectClient(a.wsUrl, id, laptop)
    const onB = await connectClient(b.wsUrl, id, laptop)
    const otherOnB = await connectClient(b.wsUrl, id, phone)
    const closedA = closeOf(onA)
    const closedB = closeOf(onB)

    const signedOutAt = Date.now()
    expect((await a.api('/api/auth/logout', { method: 'POST', token: laptop })).status).toBe(204)
    expect(await closedA).toEqual({ code: 4401, reason: 'signed out' })
    expect(await closedB).toEqual({ code: 4401, reason: 'signed out' })
    expect(Date.now() - signedOutAt).toBeLessThan(1_000)

    fieldText(findElements(otherOnB.doc, 'ficheTitle')[0]!).insert(0, 'Toujours là ')
    await otherOnB.settled()
    ;[onA, onB, otherOnB].forEach((client) => client.destroy())
  })
})
