import type { IncomingMessage } from 'node:http'
import { isHttps } from './securityHeaders.js'

const first = (header: string | string[] | undefined) =>
  (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim() || undefined

/**
 * This server's origin as the browser sees it: the Host it was asked for, over http or https.
 * Behind a trusted reverse proxy (`TRUST_PROXY`), the proxy's `X-Forwarded-Host` and
 * `X-Forwarded-Proto` say it.
 */
export function serverOrigin(request: IncomingMessage, trustProxy: boolean): string {
  const host = (trustProxy ? first(request.headers['x-forwarded-host']) : undefined) ?? request.headers.host
  return `${isHttps(request, trustProxy) ? 'https' : 'http'}://${host ?? 'localhost'}`
}

/**
 * Whether a request was made by this server's own pages: its `Origin` is this server's, or,
 * without an `Origin`, the browser says `Sec-Fetch-Site: same-origin`. A request with
 * neither is not trusted (a browser sends one of them with every cross-site write).
 */
export function isSameOrigin(request: IncomingMessage, trustProxy: boolean): boolean {
  const origin = request.headers.origin
  if (origin !== undefined) return origin === serverOrigin(request, trustProxy)
  return request.headers['sec-fetch-site'] === 'same-origin'
}
