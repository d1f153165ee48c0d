import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createConvention } from '../helpers/createConvention.js'
import { CookieJar } from '../helpers/cookieJar.js'
import { freePort } from '../helpers/freePort.js'
import { startOidcProvider, type TestProvider } from '../helpers/startOidcProvider.js'
import { removeDir, startTestServer, type TestServer } from '../helpers/startTestServer.js'

const CALLBACK = '/api/auth/oidc/callback'
const FAILED = '/connexion?erreur=oidc'

let server: TestServer
let provider: TestProvider

/** the server's settings for a provider at `issuer` */
function oidcEnv(
  port: number,
  issuer: string,
  clientId = 'ctg-workspace',
  clientSecret = 'unused',
): Record<string, string> {
  return {
    PORT: String(port),
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: clientId,
    OIDC_CLIENT_SECRET: clientSecret,
    OIDC_REDIRECT_URI: `http://127.0.0.1:${port}${CALLBACK}`,
    OIDC_TOKEN_AUTH_METHOD: 'client_secret_basic',
    OIDC_SIGNING_ALG: 'RS256',
  }
}

beforeAll(async () => {
  const port = await freePort()
  provider = await startOidcProvider({
    redirectUri: `http://127.0.0.1:${port}${CALLBACK}`,
    postLogoutRedirectUri: `http://127.0.0.1:${port}/connexion`,
    accounts: {
      'agent-amelie': { email: 'amelie.roux@caf-seyne.fr', given_name: 'Amélie', usual_name: 'Roux' },
      'agent-bruno': { email: 'bruno.petit@epci-seyne.fr', given_name: 'Bruno', usual_name: 'Petit' },
    },
  })
  server = await startTestServer({ env: oidcEnv(port, provider.issuer, provider.clientId, provider.clientSecret) })
})
afterAll(async () => {
  await server?.stop()
  await provider?.stop()
  if (server) removeDir(server.dataDir)
})

/** Follows redirects in the jar until a page answers, or until `stop` says to leave the next hop to the caller. */
async function follow(jar: CookieJar, start: string, stop: (url: URL) => boolean = () => false) {
  let url = new URL(start)
  for (let hops = 0; hops < 20; hops++) {
    if (stop(url)) return { url, response: null }
    // the client's own pages (after sign-in, or the sign-in page) are the end of the journey
    if (url.origin === server.httpUrl && !url.pathname.startsWith('/api/')) return { url, response: null }
    const response = await jar.fetch(url)
    const location = response.headers.get('location')
    if (response.status < 300 || response.status >= 400 || !location) return { url, response }
    url = new URL(location, url)
  }
  throw new Error(`too many redirects from ${start}`)
}

/** The whole sign-in as a browser makes it: start → provider's page → login → callback → `next` with the session cookie. */
async function signIn(jar: CookieJar, login: string, next = '/'): Promise<URL> {
  const start = `${server.httpUrl}/api/auth/oidc/start?next=${encodeURIComponent(next)}`
  const first = await follow(jar, start)
  let url = first.url
  const response = first.response
  if (url.origin === provider.issuer && url.pathname.startsWith('/interaction/')) {
    expect(response?.status).toBe(200)
    const posted = await jar.fetch(new URL(`${url.pathname}/login`, url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ login }).toString(),
    })
    expect(posted.status).toBe(303)
    ;({ url } = await follow(jar, new URL(posted.headers.get('location')!, url).href))
  }
  return url
}

/** the server's cookies the browser would send to `path` (the provider's share the host, not the names) */
function ours(jar: CookieJar, path: string): string[] {
  return jar.names(`${server.httpUrl}${path}`).filter((name) => name.startsWith('ctg_'))
}

/** The session the callback gave the browser: the HTTP-only cookie, never a token in the address. */
function tokenOf(landing: URL, jar: CookieJar): string {
  expect(landing.hash).toBe('')
  const token = jar.value(landing, 'ctg_session')
  if (!token) throw new Error(`no session cookie after ${landing.href}`)
  return token
}

async function me(token: string) {
  const response = await server.api('/api/me', { token })
  expect(response.status).toBe(200)
  return ((await response.json()) as { user: { id: string; name: string; email: string | null } }).user
}

describe('sign-in through an OpenID Connect provider', () => {
  it('the sign-in page is told about the provider', async () => {
    const response = await fetch(`${server.httpUrl}/api/auth/options`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ password: true, oidc: { label: 'ProConnect' } })
  })

  it('start sends the browser to the provider with PKCE, state, nonce and the ProConnect scopes, in a sealed cookie', async () => {
    const jar = new CookieJar()
    const response = await jar.fetch(`${server.httpUrl}/api/auth/oidc/start?next=/c/abc`)
    expect(response.status).toBe(302)
    const location = new URL(response.headers.get('location')!)
    expect(location.origin).toBe(provider.issuer)
    const query = location.searchParams
    expect(query.get('code_challenge_method')).toBe('S256')
    expect(query.get('scope')).toBe('openid email given_name usual_name')
    expect(query.get('redirect_uri')).toBe(`${server.httpUrl}${CALLBACK}`)
    // ProConnect wants at least 32 characters of each
    expect(query.get('state')!.length).toBeGreaterThanOrEqual(32)
    expect(query.get('nonce')!.length).toBeGreaterThanOrEqual(32)
    const cookie = response.headers.getSetCookie()[0]!
    expect(cookie).toMatch(/^ctg_oidc_flow=/)
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Lax')
    expect(cookie).toContain('Path=/api/auth/oidc')
    expect(cookie).toContain('Max-Age=600')
    // sealed: neither the verifier nor the state can be read from it
    expect(cookie).not.toContain(query.get('state')!)
    expect(ours(jar, '/api/me')).toEqual([])
  })

  it('signs a person in end to end: back on next with a token for them, named after the provider', async () => {
    const jar = new CookieJar()
    const landing = await signIn(jar, 'agent-amelie', '/c/abc')
    expect(landing.origin + landing.pathname).toBe(`${server.httpUrl}/c/abc`)
    const user = await me(tokenOf(landing, jar))
    expect(user).toMatchObject({ name: 'Amélie Roux', email: 'amelie.roux@caf-seyne.fr' })
    // the flow cookie is gone, the provider's ID token is kept for signing out there, the session is a cookie
    expect(ours(jar, CALLBACK).sort()).toEqual(['ctg_oidc_id', 'ctg_session'])
  })

  it('a second sign-in of the same subject (the provider remembers them) is the same user', async () => {
    const jar = new CookieJar()
    const first = await me(tokenOf(await signIn(jar, 'agent-bruno'), jar))
    // no interaction this time: the provider's session signs them in at once
    const again = await follow(jar, `${server.httpUrl}/api/auth/oidc/start`)
    const second = await me(tokenOf(again.url, jar))
    expect(second.id).toBe(first.id)
    const otherJar = new CookieJar()
    const fresh = await me(tokenOf(await signIn(otherJar, 'agent-bruno'), otherJar))
    expect(fresh.id).toBe(first.id)
  })

  it('an invited person who signs in through the provider is the invited user and sees the convention', async () => {
    const conventionId = await createConvention(server)
    const shared = await server.api(`/api/conventions/${conventionId}/members`, {
      method: 'POST',
      body: JSON.stringify({
        email: 'claire.martin@commune-seyne.fr',
        name: 'Claire Martin',
        organisationKind: 'commune',
        role: 'editor',
      }),
    })
    expect(shared.status).toBe(201)
    const invited = ((await shared.json()) as { member: { id: string } }).member
    // the provider spells the address with capitals: e-mails match whatever their case
    provider.accounts.set('agent-claire', {
      email: 'Claire.Martin@commune-seyne.fr',
      given_name: 'Claire',
      usual_name: 'Martin',
    })
    const claireJar = new CookieJar()
    const token = tokenOf(await signIn(claireJar, 'agent-claire', `/c/${conventionId}`), claireJar)
    expect(await me(token)).toMatchObject({ id: invited.id, email: 'claire.martin@commune-seyne.fr' })
    const list = await server.api('/api/conventions', { token })
    const ids = ((await list.json()) as { conventions: { id: string }[] }).conventions.map((c) => c.id)
    expect(ids).toContain(conventionId)
  })

  it('a tampered state is refused and lands on the sign-in page', async () => {
    const jar = new CookieJar()
    let callback: URL | undefined
    const { url } = await follow(jar, `${server.httpUrl}/api/auth/oidc/start`)
    const posted = await jar.fetch(new URL(`${url.pathname}/login`, url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'login=agent-amelie',
    })
    await follow(jar, new URL(posted.headers.get('location')!, url).href, (next) => {
      if (next.pathname !== CALLBACK) return false
      callback = next
      return true
    })
    expect(callback?.searchParams.get('code')).toBeTruthy()
    callback!.searchParams.set(
      'state',
      callback!.searchParams.get('state')!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')),
    )
    const refused = await jar.fetch(callback!)
    expect(refused.status).toBe(302)
    expect(refused.headers.get('location')).toBe(FAILED)
    // and the code cannot be tried again with the right state: the flow is over
    expect(ours(jar, CALLBACK)).toEqual([])
  })

  it('a callback without a sign-in in progress, or with the provider saying no, lands on the sign-in page', async () => {
    const bare = await fetch(`${server.httpUrl}${CALLBACK}?code=x&state=y`, { redirect: 'manual' })
    expect(bare.headers.get('location')).toBe(FAILED)
    const jar = new CookieJar()
    const { url } = await follow(jar, `${server.httpUrl}/api/auth/oidc/start`)
    const denied = await jar.fetch(new URL(`${url.pathname}/login`, url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'login=nobody',
    })
    const landing = await follow(jar, new URL(denied.headers.get('location')!, url).href)
    expect(landing.url.pathname + landing.url.search).toBe(FAILED)
  })

  it('a person the provider gives no e-mail for is not signed in', async () => {
    provider.accounts.set('agent-sans-courriel', { email: '', given_name: 'Sans', usual_name: 'Courriel' })
    const landing = await signIn(new CookieJar(), 'agent-sans-courriel')
    expect(landing.pathname + landing.search).toBe(FAILED)
  })

  it('next is kept on this site', async () => {
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const landing = await signIn(new CookieJar(), 'agent-amelie', next)
      expect(landing.origin + landing.pathname).toBe(`${server.httpUrl}/`)
    }
  })

  it('signing out at the provider sends the kept ID token as id_token_hint', async () => {
    const jar = new CookieJar()
    await signIn(jar, 'agent-amelie')
    const response = await jar.fetch(`${server.httpUrl}/api/auth/oidc/logout`)
    expect(response.status).toBe(302)
    const endSession = new URL(response.headers.get('location')!)
    expect(endSession.origin).toBe(provider.issuer)
    expect(endSession.searchParams.get('id_token_hint')).toBeTruthy()
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${server.httpUrl}/connexion`)
    expect(endSession.searchParams.get('state')!.length).toBeGreaterThanOrEqual(32)
    // the provider accepts the hint: it asks to confirm the sign-out rather than refusing
    const confirm = await jar.fetch(endSession)
    expect(confirm.status).toBe(200)
    expect(await confirm.text()).toContain('logout')
    expect(ours(jar, '/api/auth/oidc/logout')).toEqual([])
  })
})

describe('without OIDC_ISSUER', () => {
  it('offers passwords only and has no OIDC routes', async () => {
    const plain = await startTestServer()
    try {
      const options = await fetch(`${plain.httpUrl}/api/auth/options`)
      expect(await options.json()).toEqual({ password: true, oidc: null })
      const start = await fetch(`${plain.httpUrl}/api/auth/oidc/start`, { redirect: 'manual' })
      expect(start.status).toBe(404)
    } finally {
      await plain.stop()
      removeDir(plain.dataDir)
    }
  })
})

describe('a provider that cannot be reached', () => {
  it('does not stop the server from starting; start fails softly and works once the provider is up', async () => {
    const serverPort = await freePort()
    const providerPort = await freePort()
    const down = await startTestServer({ env: oidcEnv(serverPort, `http://127.0.0.1:${providerPort}`) })
    try {
      const start = `${down.httpUrl}/api/auth/oidc/start`
      const refused = await fetch(start, { redirect: 'manual' })
      expect(refused.status).toBe(302)
      expect(refused.headers.get('location')).toBe(FAILED)
      // discovery is tried again on the next sign-in
      const late = await startOidcProvider({
        port: providerPort,
        redirectUri: `${down.httpUrl}${CALLBACK}`,
        postLogoutRedirectUri: `${down.httpUrl}/connexion`,
        accounts: {},
      })
      try {
        const response = await fetch(start, { redirect: 'manual' })
        expect(new URL(response.headers.get('location')!).origin).toBe(late.issuer)
      } finally {
        await late.stop()
      }
    } finally {
      await down.stop()
      removeDir(down.dataDir)
    }
  })
})
