import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { acceptInvitation } from '../helpers/acceptInvitation.js'
import { waitFor } from '../helpers/connectClient.js'
import { createConvention } from '../helpers/createConvention.js'
import { openRawSocket, UpgradeRefused } from '../helpers/rawSocket.js'
import { removeDir, startTestServer, type TestServer } from '../helpers/startTestServer.js'

const PASSWORD = 'Rédaction CTG 2026 !'
let server: TestServer
let proxied: TestServer
let conventionId: string
const email = 'camille.cookie@caf.fr'

beforeAll(async () => {
  ;[server, proxied] = await Promise.all([startTestServer(), startTestServer({ env: { TRUST_PROXY: '1' } })])
  conventionId = await createConvention(server)
  const shared = await server.api(`/api/conventions/${conventionId}/members`, {
    method: 'POST',
    body: JSON.stringify({ email, name: 'Camille Durand', organisationKind: 'caf', role: 'editor' }),
  })
  await acceptInvitation(((await shared.json()) as { link: string }).link, {
    name: 'Camille Durand',
    password: PASSWORD,
  })
})
afterAll(async () => {
  await Promise.all([server?.stop(), proxied?.stop()])
  if (server) removeDir(server.dataDir)
})

async function signIn(target = server, headers: Record<string, string> = {}) {
  const response = await fetch(`${target.httpUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ email, password: PASSWORD }),
  })
  expect(response.status).toBe(200)
  const body = (await response.json()) as { token: string; expiresAt: string }
  return { body, setCookie: response.headers.getSetCookie() }
}

/** A request as the browser sends it with the session cookie (no Authorization header). */
const withCookie = (token: string, path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
  fetch(server.httpUrl + path, {
    ...init,
    headers: { Cookie: `ctg_session=${token}`, 'Content-Type': 'application/json', ...init.headers },
  })
const newConvention = JSON.stringify({ template: 'national', title: 'CTG de la vallée' })
const errorCode = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code

describe('the session cookie', () => {
  it('sign-in sets an HttpOnly SameSite=Lax cookie as long-lived as the token, and keeps the token in the body', async () => {
    const { body, setCookie } = await signIn()
    const cookie = setCookie.find((line) => line.startsWith('ctg_session='))!
    expect(cookie).toMatch(new RegExp(`^ctg_session=${body.token}; Path=/; Max-Age=(\\d+); HttpOnly; SameSite=Lax$`))
    const maxAge = Number(/Max-Age=(\d+)/.exec(cookie)![1])
    const left = (Date.parse(body.expiresAt) - Date.now()) / 1000
    expect(Math.abs(maxAge - left)).toBeLessThan(5)
    expect(maxAge).toBeGreaterThan(6 * 24 * 3600)
    // over https behind a trusted proxy, the cookie is Secure
    const token = await proxied.token()
    const secure = await fetch(`${proxied.httpUrl}/api/auth/session`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'X-Forwarded-Proto': 'https' },
    })
    expect(secure.status).toBe(204)
    expect(secure.headers.getSetCookie()[0]).toMatch(/; HttpOnly; SameSite=Lax; Secure$/)
  })

  it('authenticates reads, and writes from this origin only', async () => {
    const { body } = await signIn()
    expect((await withCookie(body.token, '/api/me')).status).toBe(200)

    const foreign = await withCookie(body.token, '/api/conventions', {
      method: 'POST',
      body: newConvention,
      headers: { Origin: 'https://attaquant.example' },
    })
    expect(foreign.status).toBe(403)
    expect(await errorCode(foreign)).toBe('cross_site_request')
    const crossSite = await withCookie(body.token, '/api/conventions', {
      method: 'POST',
      body: newConvention,
      headers: { 'Sec-Fetch-Site': 'cross-site' },
    })
    expect(crossSite.status).toBe(403)
    // neither Origin nor Sec-Fetch-Site: not trusted either
    expect((await withCookie(body.token, '/api/conventions', { method: 'POST', body: newConvention })).status).toBe(403)
    const members = `/api/conventions/${conventionId}/members/u-test`
    expect((await withCookie(body.token, members, { method: 'DELETE', headers: { Origin: 'null' } })).status).toBe(403)

    const sameOrigin = await withCookie(body.token, '/api/conventions', {
      method: 'POST',
      body: newConvention,
      headers: { Origin: server.httpUrl },
    })
    expect(sameOrigin.status).toBe(201)
    const fetchMetadata = await withCookie(body.token, '/api/conventions', {
      method: 'POST',
      body: newConvention,
      headers: { 'Sec-Fetch-Site': 'same-origin' },
    })
    expect(fetchMetadata.status).toBe(201)

    // a bearer token is not sent by browsers on their own: not checked
    const bearer = await fetch(`${server.httpUrl}/api/conventions`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${body.token}`,
        'Content-Type': 'application/json',
        Origin: 'https://outil-interne.example',
      },
      body: newConvention,
    })
    expect(bearer.status).toBe(201)
  })

  it('sign-out clears the cookie and ends its session', async () => {
    const { body } = await signIn()
    const out = await withCookie(body.token, '/api/auth/logout', {
      method: 'POST',
      headers: { Origin: server.httpUrl },
    })
    expect(out.status).toBe(204)
    expect(out.headers.getSetCookie()).toContain('ctg_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax')
    expect((await withCookie(body.token, '/api/me')).status).toBe(401)
  })

  it('a bearer token becomes the cookie through POST /api/auth/session (sign-in links)', async () => {
    const token = await server.token({ id: 'u-script', name: 'Script' })
    const exchanged = await fetch(`${server.httpUrl}/api/auth/session`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    })
    expect(exchanged.status).toBe(204)
    expect(exchanged.headers.getSetCookie()[0]).toMatch(
      new RegExp(`^ctg_session=${token}; Path=/; Max-Age=\\d+; HttpOnly`),
    )
    expect((await fetch(`${server.httpUrl}/api/auth/session`, { method: 'POST' })).status).toBe(401)
  })
})

describe('the WebSocket and the cookie', () => {
  /** `ws` as the provider's WebSocket, sending the headers a browser would with the upgrade. */
  const socketClass = (headers: Record<string, string>) =>
    class extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers })
      }
    }

  it('a provider with no token is authenticated by the cookie of its upgrade request', async () => {
    const { body } = await signIn()
    const doc = new Y.Doc({ gc: false })
    const socket = new HocuspocusProviderWebsocket({
      url: server.wsUrl,
      WebSocketPolyfill: socketClass({ Cookie: `ctg_session=${body.token}`, Origin: server.httpUrl }),
    })
    const provider = new HocuspocusProvider({ websocketProvider: socket, name: conventionId, document: doc, token: '' })
    provider.attach()
    let synced = false
    provider.on('synced', () => (synced = true))
    await waitFor(() => synced, 'the cookie-authenticated provider to sync')
    expect(doc.getXmlFragment('default').length).toBeGreaterThan(0)
    provider.destroy()
    socket.destroy()
  })

  it('an upgrade from another site is refused with 403 before anything is read; without Origin it goes on', async () => {
    const { body } = await signIn()
    const refused = await openRawSocket(server.wsUrl, {
      Cookie: `ctg_session=${body.token}`,
      Origin: 'https://attaquant.example',
    }).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(UpgradeRefused)
    expect((refused as UpgradeRefused).status).toBe(403)
    const script = await openRawSocket(server.wsUrl)
    await script.authenticate(conventionId, body.token)
    script.ws.close()
    const ours = await openRawSocket(server.wsUrl, { Origin: server.httpUrl })
    await ours.authenticate(conventionId, body.token)
    ours.ws.close()
  })
})
