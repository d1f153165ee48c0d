import { spawn } from 'node:child_process'
import { DatabaseSync } from 'node:sqlite'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createInvitationLink, hashInvitationCode } from '@ctg/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { acceptInvitation } from '../helpers/acceptInvitation.js'
import { closeOf } from '../helpers/closeOf.js'
import { connectClient } from '../helpers/connectClient.js'
import { createConvention } from '../helpers/createConvention.js'
import { removeDir, startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const PASSWORD = 'Rédaction CTG 2026 !'

const post = (server: TestServer, path: string, body: unknown) =>
  fetch(server.httpUrl + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
const login = (server: TestServer, email: string, password: string) =>
  post(server, '/api/auth/login', { email, password })
const errorOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string; retryAfter?: number; issues?: { path: string }[] } }).error

/** The owner shares a convention with a new address; the link and the convention id. */
async function invite(server: TestServer, email: string, role = 'editor') {
  const id = await createConvention(server)
  const response = await server.api(`/api/conventions/${id}/members`, {
    method: 'POST',
    body: JSON.stringify({ email, name: 'Inès Roux', organisationKind: 'epci', role }),
  })
  expect(response.status).toBe(201)
  const body = (await response.json()) as { link: string; hasAccount: boolean; member: { id: string } }
  return { id, ...body }
}

const engines: { name: string; env: () => Promise<{ env: Record<string, string>; drop(): Promise<void> }> }[] = [
  { name: 'SQLite', env: async () => ({ env: {}, drop: async () => {} }) },
  {
    name: 'PostgreSQL',
    env: async () => {
      const database: TestDatabase = await createTestDatabase()
      return { env: { DATABASE_URL: database.url }, drop: () => database.drop() }
    },
  },
]

describe.each(engines)('accounts over HTTP on $name', (engine) => {
  let server: TestServer
  let drop: () => Promise<void>
  let env: Record<string, string>
  beforeAll(async () => {
    const database = await engine.env()
    ;({ env, drop } = database)
    server = await startTestServer({ env })
  })
  afterAll(async () => {
    await server?.stop()
    await drop?.()
    if (server) removeDir(server.dataDir)
  })

  it('an invitation link creates an account once; its holder then signs in with e-mail and password', async () => {
    const { id, link, hasAccount, member } = await invite(server, 'Ines.Roux@CC-Vallee.fr')
    expect(hasAccount).toBe(false)
    const code = /\/invitation\/([\w-]+)$/.exec(link)![1]!
    const shown = await fetch(`${server.httpUrl}/api/invitations/${code}`)
    expect(shown.status).toBe(200)
    expect(((await shown.json()) as { invitation: unknown }).invitation).toMatchObject({
      email: 'ines.roux@cc-vallee.fr',
      name: 'Inès Roux',
      conventionId: id,
      conventionTitle: expect.any(String),
      invitedBy: 'Testeuse',
      role: 'editor',
      hasAccount: false,
    })
    const short = await post(server, `/api/invitations/${code}/accept`, { name: 'Inès', password: 'court' })
    expect(short.status).toBe(400)
    expect((await errorOf(short)).issues!.map((i) => i.path)).toEqual(['password'])

    const token = await acceptInvitation(link, { name: 'Inès Roux-Martin', password: PASSWORD })
    const me = await server.api('/api/me', { token })
    expect(await me.json()).toEqual({
      user: { id: member.id, name: 'Inès Roux-Martin', email: 'ines.roux@cc-vallee.fr' },
    })
    const list = (await (await server.api('/api/conventions', { token })).json()) as {
      conventions: { id: string; role: string }[]
    }
    expect(list.conventions).toEqual([expect.objectContaining({ id, role: 'editor' })])
    // a link is used once
    const again = await post(server, `/api/invitations/${code}/accept`, { name: 'X', password: PASSWORD })
    expect(again.status).toBe(410)
    expect((await errorOf(again)).code).toBe('invitation_used')
    // shared again later: the person has an account, the link just opens the convention
    const second = await invite(server, 'ines.roux@cc-vallee.fr', 'reader')
    expect(second).toMatchObject({ hasAccount: true, link: `${server.httpUrl}/c/${second.id}` })

    const signedIn = await login(server, 'INES.ROUX@cc-vallee.fr', PASSWORD)
    expect(signedIn.status).toBe(200)
    const session = (await signedIn.json()) as { token: string; user: { id: string }; expiresAt: string }
    expect(session.user.id).toBe(member.id)
    expect(Date.parse(session.expiresAt)).toBeGreaterThan(Date.now())
    const client = await connectClient(server.wsUrl, id, session.token)
    client.destroy()
  })

  it('a wrong password and an unknown address get the same 401; bad bodies a 400', async () => {
    const { link } = await invite(server, 'paul.mercier@caf.fr')
    await acceptInvitation(link, { password: PASSWORD })
    const wrong = await login(server, 'paul.mercier@caf.fr', 'pas le bon mot de passe')
    const unknown = await login(server, 'personne@nulle-part.fr', PASSWORD)
    expect([wrong.status, unknown.status]).toEqual([401, 401])
    expect(await errorOf(wrong)).toEqual(await errorOf(unknown))
    for (const body of [{}, { email: 'a@b.fr' }, { email: 'a@b.fr', password: 'x', admin: true }, 'texte']) {
      expect((await post(server, '/api/auth/login', body)).status).toBe(400)
    }
    const garbage = await fetch(`${server.httpUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{',
    })
    expect(garbage.status).toBe(400)
  })

  it('passwords are stored as argon2id hashes, never as given', async () => {
    if (engine.name !== 'SQLite') return
    const db = new DatabaseSync(join(server.dataDir, 'ctg.sqlite'), { readOnly: true })
    try {
      const rows = db.prepare('SELECT password_hash FROM users WHERE password_hash IS NOT NULL').all() as {
        password_hash: string
      }[]
      expect(rows.length).toBeGreaterThan(0)
      for (const row of rows) {
        expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
        expect(row.password_hash).not.toContain(PASSWORD)
      }
    } finally {
      db.close()
    }
  })

  it('signing out ends the session for HTTP and WebSocket, and stays ended after a restart', async () => {
    const { id, link } = await invite(server, 'lea.garnier@commune-seyne.fr')
    await acceptInvitation(link, { password: PASSWORD })
    const session = (await (await login(server, 'lea.garnier@commune-seyne.fr', PASSWORD)).json()) as {
      token: string
    }
    const other = (await (await login(server, 'lea.garnier@commune-seyne.fr', PASSWORD)).json()) as { token: string }
    expect((await server.api('/api/auth/logout', { method: 'POST', token: session.token })).status).toBe(204)
    expect((await server.api('/api/me', { token: session.token })).status).toBe(401)
    await expect(connectClient(server.wsUrl, id, session.token)).rejects.toThrow(/authentication failed/)
    expect((await server.api('/api/me', { token: other.token })).status).toBe(200)
    expect((await server.api('/api/auth/logout', { method: 'POST', token: null })).status).toBe(401)

    await server.stop()
    server = await startTestServer({ dataDir: server.dataDir, env })
    expect((await server.api('/api/me', { token: session.token })).status).toBe(401)
    expect((await server.api('/api/me', { token: other.token })).status).toBe(200)
  })
})

describe('guessing, expiry and the administrator’s accounts', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ env: { LOGIN_FAILURES_PER_ADDRESS: '8' } })
  })
  afterAll(async () => {
    await server?.stop()
    if (server) removeDir(server.dataDir)
  })

  it('failed sign-ins are limited per account and per address (429 with Retry-After), even when sent all at once', async () => {
    const { link } = await invite(server, 'cible@caf.fr')
    await acceptInvitation(link, { password: PASSWORD })
    const guesses = await Promise.all(
      Array.from({ length: 12 }, (_, n) => login(server, 'cible@caf.fr', `essai numéro ${n}`)),
    )
    const statuses = guesses.map((r) => r.status)
    expect(statuses.filter((s) => s === 401)).toHaveLength(5)
    expect(statuses.filter((s) => s === 429)).toHaveLength(7)
    const limited = guesses.find((r) => r.status === 429)!
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await errorOf(limited)).toMatchObject({ code: 'too_many_attempts', retryAfter: expect.any(Number) })
    // while the account is limited, even its password waits
    expect((await login(server, 'cible@caf.fr', PASSWORD)).status).toBe(429)
    // the address has 3 failures left for other accounts, then it is limited too
    for (let n = 0; n < 3; n++) expect((await login(server, `autre${n}@caf.fr`, 'x')).status).toBe(401)
    expect((await login(server, 'encore-un@caf.fr', 'x')).status).toBe(429)
  })

  it('an expired invitation and an unknown one are refused; the first-start link asks for an address', async () => {
    await server.ctg.store.members.rememberUser({ id: 'local-owner', name: 'Administratrice' })
    const setup = await createInvitationLink(server.ctg.store.accounts, server.httpUrl, {
      userId: 'local-owner',
      conventionId: null,
      role: null,
      invitedBy: null,
    })
    const code = setup.split('/invitation/')[1]!
    const shown = (await (await fetch(`${server.httpUrl}/api/invitations/${code}`)).json()) as {
      invitation: { email: string | null; conventionId: string | null }
    }
    expect(shown.invitation).toMatchObject({ email: null, conventionId: null })
    const noEmail = await post(server, `/api/invitations/${code}/accept`, { name: 'Admin', password: PASSWORD })
    expect(noEmail.status).toBe(400)
    const taken = await post(server, `/api/invitations/${code}/accept`, {
      name: 'Admin',
      password: PASSWORD,
      email: 'cible@caf.fr',
    })
    expect((await errorOf(taken)).code).toBe('email_taken')
    const token = await acceptInvitation(setup, { name: 'Admin', password: PASSWORD, email: 'admin@caf.fr' })
    expect(((await (await server.api('/api/me', { token })).json()) as { user: { id: string } }).user.id).toBe(
      'local-owner',
    )

    await server.ctg.store.accounts.createInvitation({
      codeHash: hashInvitationCode('perimee-depuis-hier-0000'),
      userId: 'local-owner',
      conventionId: null,
      role: null,
      invitedBy: null,
      purpose: 'account',
      expiresAt: new Date(Date.now() - 86_400_000).toISOString(),
    })
    const expired = await fetch(`${server.httpUrl}/api/invitations/perimee-depuis-hier-0000`)
    expect([expired.status, (await errorOf(expired)).code]).toEqual([410, 'invitation_expired'])
    expect((await fetch(`${server.httpUrl}/api/invitations/inconnue-0000000000000`)).status).toBe(404)
  })
})

describe('sessions expire', () => {
  it('an expired session is refused over HTTP and WebSocket, and its open socket is closed', async () => {
    const server = await startTestServer({ env: { TOKEN_TTL_SECONDS: '2' } })
    try {
      const id = await createConvention(server)
      const token = await server.token()
      expect((await server.api('/api/me', { token })).status).toBe(200)
      const open = await connectClient(server.wsUrl, id, token)
      expect(await closeOf(open)).toEqual({ code: 4401, reason: 'session expired' })
      open.destroy()
      const late = await server.api('/api/me', { token })
      expect([late.status, (await errorOf(late)).code]).toEqual([401, 'unauthorized'])
      await expect(connectClient(server.wsUrl, id, token)).rejects.toThrow(/authentication failed/)
    } finally {
      await server.stop()
      removeDir(server.dataDir)
    }
  })
})

describe('the administrator’s command line', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(async () => {
    await server?.stop()
    if (server) removeDir(server.dataDir)
  })

  /** Runs `npm run user` against the test server's data; its exit code and output. */
  async function userCli(...args: string[]): Promise<{ code: number | null; out: string }> {
    const child = spawn(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', '--import', 'tsx', 'server/src/cli/user.ts', ...args],
      { cwd: ROOT, env: { ...process.env, DATA_DIR: server.dataDir, DATABASE_URL: '' } },
    )
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    return { code, out }
  }

  it('npm run user creates an account whose link its holder opens to choose a password; --reset replaces a forgotten one', async () => {
    const created = await userCli(
      '--email',
      'Camille.Durand@caf.fr',
      '--name',
      'Camille Durand',
      '--url',
      server.httpUrl,
    )
    expect(created.code).toBe(0)
    await acceptInvitation(created.out.trim().split('\n').at(-1)!, { password: PASSWORD })
    expect((await login(server, 'camille.durand@caf.fr', PASSWORD)).status).toBe(200)
    // an account link for someone who has an account is refused; a reset link is the way
    expect((await userCli('--email', 'camille.durand@caf.fr', '--name', 'C', '--url', server.httpUrl)).code).toBe(1)
    expect((await userCli('--email', 'personne@caf.fr', '--reset', '--url', server.httpUrl)).code).toBe(1)
    const reset = await userCli('--email', 'camille.durand@caf.fr', '--reset', '--url', server.httpUrl)
    expect(reset.code).toBe(0)
    const link = reset.out.trim().split('\n').at(-1)!
    const code = link.split('/invitation/')[1]!
    const shown = (await (await fetch(`${server.httpUrl}/api/invitations/${code}`)).json()) as {
      invitation: { purpose: string; hasAccount: boolean; email: string }
    }
    expect(shown.invitation).toMatchObject({ purpose: 'reset', hasAccount: true, email: 'camille.durand@caf.fr' })
    await acceptInvitation(link, { name: 'Camille Durand', password: 'un tout nouveau mot de passe' })
    expect((await login(server, 'camille.durand@caf.fr', PASSWORD)).status).toBe(401)
    expect((await login(server, 'camille.durand@caf.fr', 'un tout nouveau mot de passe')).status).toBe(200)
  })
})
