import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { smallConvention } from '../fixtures/conventionFixtures.js'
import { acceptInvitation } from '../helpers/acceptInvitation.js'
import { closeOf } from '../helpers/closeOf.js'
import { connectClient } from '../helpers/connectClient.js'
import { createConvention } from '../helpers/createConvention.js'
import { issueTestToken, type ServerProcess } from '../helpers/startServerProcess.js'
import { REDIS_URL, startProcessPair, type ProcessPair } from '../helpers/startProcessPair.js'
import { removeDir, startTestServer, type TestServer } from '../helpers/startTestServer.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const PASSWORD = 'Rédaction CTG 2026 !'

/** `npm run user -- …` as an administrator runs it, against the given storage. */
async function userCli(env: Record<string, string>, ...args: string[]) {
  const child = spawn(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', '--import', 'tsx', 'server/src/cli/user.ts', ...args],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', ...env } },
  )
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  return { code, out }
}

const login = (url: string, email: string, password: string) =>
  fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
const me = async (url: string, token: string) =>
  (await fetch(`${url}/api/me`, { headers: { Authorization: `Bearer ${token}` } })).status
const tokenOf = async (response: Response) => {
  expect(response.status).toBe(200)
  return ((await response.json()) as { token: string }).token
}

// child processes (the command line, two servers) and argon2 take long on a loaded machine
describe('sessions and sign-in limits across two processes (Redis + PostgreSQL)', { timeout: 90_000 }, () => {
  let pair: ProcessPair
  let a: ServerProcess
  let b: ServerProcess
  let ownerToken: string
  let conventionId: string
  const email = `camille-${randomBytes(3).toString('hex')}@caf.fr`

  beforeAll(async () => {
    ownerToken = await issueTestToken()
    // open sockets learn of ended sessions through Redis only: the periodic re-check is far away
    pair = await startProcessPair({ SESSION_RECHECK_MS: '3600000' })
    ;({ a, b } = pair)
    const headers = { Authorization: `Bearer ${ownerToken}`, 'Content-Type': 'application/json' }
    const created = await fetch(`${a.httpUrl}/api/conventions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ convention: smallConvention() }),
    })
    conventionId = ((await created.json()) as { id: string }).id
    const shared = await fetch(`${a.httpUrl}/api/conventions/${conventionId}/members`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ email, name: 'Camille Durand', organisationKind: 'caf', role: 'editor' }),
    })
    await acceptInvitation(((await shared.json()) as { link: string }).link, {
      name: 'Camille Durand',
      password: PASSWORD,
    })
  })
  afterAll(async () => {
    await pair?.stop()
  })

  it('failed sign-ins on A and B count against one limit: after 5 in total, both answer 429', async () => {
    const target = `inconnu-${randomBytes(3).toString('hex')}@caf.fr`
    for (const proc of [a, b, a, b, a])
      expect((await login(proc.httpUrl, target, 'mauvais mot de passe')).status).toBe(401)
    for (const proc of [a, b]) {
      const refused = await login(proc.httpUrl, target, 'mauvais mot de passe')
      expect(refused.status).toBe(429)
      expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0)
    }
    // another account is not held back
    expect((await login(b.httpUrl, email, PASSWORD)).status).toBe(200)
  })

  it("a password reset ends the account's other sessions on both processes, open sockets included", async () => {
    const onA = await tokenOf(await login(a.httpUrl, email, PASSWORD))
    const onB = await tokenOf(await login(b.httpUrl, email, PASSWORD))
    const editor = await connectClient(b.wsUrl, conventionId, onA)
    const closed = closeOf(editor)

    const reset = await userCli(
      { DATABASE_URL: pair.database.url, DATA_DIR: pair.dataDirs[0]! },
      '--email',
      email,
      '--reset',
      '--url',
      a.httpUrl,
    )
    expect(reset.code).toBe(0)
    const fresh = await acceptInvitation(reset.out.trim().split('\n').at(-1)!, {
      name: 'Camille Durand',
      password: 'un tout nouveau mot de passe',
    })

    expect(await closed).toEqual({ code: 4401, reason: 'signed out' })
    for (const proc of [a, b]) {
      expect(await me(proc.httpUrl, onA)).toBe(401)
      expect(await me(proc.httpUrl, onB)).toBe(401)
      expect(await me(proc.httpUrl, fresh)).toBe(200)
    }
    editor.destroy()
  })

  it('npm run user -- --sign-out-everywhere ends every session and closes their sockets on both processes', async () => {
    const first = await tokenOf(await login(a.httpUrl, email, 'un tout nouveau mot de passe'))
    const second = await tokenOf(await login(b.httpUrl, email, 'un tout nouveau mot de passe'))
    const onA = await connectClient(a.wsUrl, conventionId, first)
    const onB = await connectClient(b.wsUrl, conventionId, second)
    const closed = [closeOf(onA), closeOf(onB)]

    const ended = await userCli(
      { DATABASE_URL: pair.database.url, DATA_DIR: pair.dataDirs[0]!, REDIS_URL, REDIS_PREFIX: pair.prefix },
      '--email',
      email,
      '--sign-out-everywhere',
    )
    expect(ended.code).toBe(0)
    // the reset's session and the two sign-ins
    expect(ended.out).toMatch(/^3 sessions ended for Camille Durand/m)
    expect(await Promise.all(closed)).toEqual([
      { code: 4401, reason: 'signed out' },
      { code: 4401, reason: 'signed out' },
    ])
    for (const proc of [a, b]) {
      expect(await me(proc.httpUrl, first)).toBe(401)
      expect(await me(proc.httpUrl, second)).toBe(401)
    }
    onA.destroy()
    onB.destroy()
    const again = await userCli(
      { DATABASE_URL: pair.database.url, DATA_DIR: pair.dataDirs[0]! },
      '--email',
      email,
      '--sign-out-everywhere',
    )
    expect(again).toMatchObject({ code: 0, out: expect.stringMatching(/^0 session ended/m) })
  })
})

describe('sign-out everywhere on one process without Redis (SQLite)', { timeout: 90_000 }, () => {
  let server: TestServer
  beforeAll(async () => {
    // nothing tells this process: it finds the ended sessions at its next re-check
    server = await startTestServer({ env: { SESSION_RECHECK_MS: '200' } })
  })
  afterAll(async () => {
    await server.stop()
    removeDir(server.dataDir)
  })

  it('the command ends the sessions in the database, and the running server closes their sockets', async () => {
    const id = await createConvention(server)
    const shared = await server.api(`/api/conventions/${id}/members`, {
      method: 'POST',
      body: JSON.stringify({
        email: 'paul.martin@epci.fr',
        name: 'Paul Martin',
        organisationKind: 'epci',
        role: 'editor',
      }),
    })
    const token = await acceptInvitation(((await shared.json()) as { link: string }).link, {
      name: 'Paul Martin',
      password: PASSWORD,
    })
    const other = await server.api('/api/me', { token })
    expect(other.status).toBe(200)
    const editor = await connectClient(server.wsUrl, id, token)
    const closed = closeOf(editor)
    const untouched = await connectClient(server.wsUrl, id, await server.token())

    const ended = await userCli({ DATA_DIR: server.dataDir }, '--email', 'paul.martin@epci.fr', '--sign-out-everywhere')
    expect(ended).toMatchObject({ code: 0, out: expect.stringMatching(/^1 session ended for Paul Martin/m) })
    expect(await closed).toEqual({ code: 4401, reason: 'signed out' })
    expect((await server.api('/api/me', { token })).status).toBe(401)
    // somebody else's connection stays
    expect(untouched.socket.status).toBe('connected')
    editor.destroy()
    untouched.destroy()

    const unknown = await userCli({ DATA_DIR: server.dataDir }, '--email', 'personne@epci.fr', '--sign-out-everywhere')
    expect(unknown.code).toBe(1)
  })
})
