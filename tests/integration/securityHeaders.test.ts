import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'

let server: TestServer
let proxied: TestServer

beforeAll(async () => {
  ;[server, proxied] = await Promise.all([startTestServer(), startTestServer({ env: { TRUST_PROXY: '1' } })])
})
afterAll(async () => {
  await Promise.all([server?.stop(), proxied?.stop()])
})

/** The CSP's directives by name. */
function directives(policy: string | null): Map<string, string[]> {
  expect(policy).toBeTruthy()
  return new Map(
    policy!
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!, values]),
  )
}

/** The built client's paths: the page, a route of the single-page app, its script, its stylesheet, the service worker. */
function clientPaths(): string[] {
  const html = readFileSync(join(import.meta.dirname, '..', '..', 'client', 'dist', 'index.html'), 'utf8')
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!)
  expect(assets.some((path) => path.endsWith('.js'))).toBe(true)
  expect(assets.some((path) => path.endsWith('.css'))).toBe(true)
  return ['/', '/connexion', '/c/inconnue', ...assets, '/service-worker.js']
}

describe('security headers of the web client', () => {
  it('every file of the client carries the CSP, Referrer-Policy and nosniff', async () => {
    for (const path of clientPaths()) {
      const response = await fetch(server.httpUrl + path)
      expect(response.status, path).toBe(200)
      const csp = directives(response.headers.get('content-security-policy'))
      expect(csp.get('script-src'), path).toEqual(["'self'"])
      expect(csp.get('connect-src'), path).toEqual(["'self'"])
      expect(csp.get('frame-ancestors'), path).toEqual(["'none'"])
      expect(csp.get('object-src'), path).toEqual(["'none'"])
      // nothing anywhere runs strings as code or allows every origin
      for (const [name, values] of csp) {
        expect(values, `${path} ${name}`).not.toContain("'unsafe-eval'")
        expect(values, `${path} ${name}`).not.toContain('*')
      }
      expect(csp.get('script-src')).not.toContain("'unsafe-inline'")
      for (const value of csp.get('connect-src')!) expect(value, path).not.toMatch(/^[a-z]+:$/)
      expect(response.headers.get('referrer-policy'), path).toBe('same-origin')
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(response.headers.get('strict-transport-security'), path).toBeNull()
      await response.arrayBuffer()
    }
  })

  it('HSTS only when a trusted proxy says the client came over https', async () => {
    const https = await fetch(`${proxied.httpUrl}/`, { headers: { 'X-Forwarded-Proto': 'https' } })
    expect(https.headers.get('strict-transport-security')).toBe('max-age=63072000')
    const http = await fetch(`${proxied.httpUrl}/`, { headers: { 'X-Forwarded-Proto': 'http' } })
    expect(http.headers.get('strict-transport-security')).toBeNull()
    // without TRUST_PROXY, the header is anyone's to forge and is ignored
    const forged = await fetch(`${server.httpUrl}/`, { headers: { 'X-Forwarded-Proto': 'https' } })
    expect(forged.headers.get('strict-transport-security')).toBeNull()
    await Promise.all([https.arrayBuffer(), http.arrayBuffer(), forged.arrayBuffer()])
  })

  it('API answers are not sniffed and leak no referrer', async () => {
    const response = await server.api('/api/conventions')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toBe('same-origin')
    await response.arrayBuffer()
  })
})
