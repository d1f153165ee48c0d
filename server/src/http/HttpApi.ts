import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Extension, onRequestPayload } from '@hocuspocus/server'
import type { Sessions } from '../auth/Sessions.js'
import { InvalidTokenError, type User } from '../auth/tokens.js'
import { clientAddress } from '../limits/clientAddress.js'
import type { Logger } from '../logger.js'
import type { ApiRequest, Route } from './ApiRequest.js'
import { HttpError } from './HttpError.js'
import { readJsonBody } from './readJsonBody.js'
import { isSameOrigin } from './requestOrigin.js'
import { isHttps, webClientHeaders } from './securityHeaders.js'
import { requestToken } from './sessionCookie.js'

export interface HttpApiOptions {
  routes: Route[]
  sessions: Sessions
  /** take the client address from X-Forwarded-For (behind a reverse proxy) */
  trustProxy: boolean
  maxBodyBytes: number
  /** called with the person behind every valid token (the user record follows the token's name) */
  rememberUser(user: { id: string; name: string }): Promise<void>
  logger: Logger
  /** serves everything outside /api (the built client) */
  serveStatic: (request: IncomingMessage, response: ServerResponse) => void
}

function send(
  response: ServerResponse,
  status: number,
  json: unknown,
  headers: Record<string, string | string[]> = {},
) {
  const body = status === 204 || (status >= 300 && status < 400) ? undefined : JSON.stringify(json)
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    ...headers,
  })
  response.end(body)
}

function sendFile(
  response: ServerResponse,
  status: number,
  body: Uint8Array | string,
  headers: Record<string, string | string[]> = {},
) {
  const bytes =
    typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.length)
  response.writeHead(status, {
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    // a downloaded HTML export never runs anything when opened from the server
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
    'Content-Length': String(bytes.length),
    ...headers,
  })
  response.end(bytes)
}

/** Methods that change something: refused from other sites when the session cookie authenticates them. */
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * The HTTP side of the single port: the JSON API under /api (every route but the
 * JSON Schema needs a bearer token) and the client's files everywhere else.
 */
export class HttpApi implements Extension {
  extensionName = 'HttpApi'

  constructor(private readonly options: HttpApiOptions) {}

  async onRequest({ request, response }: onRequestPayload): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      await this.handleApi(request, response, url)
    } else {
      for (const [name, value] of Object.entries(webClientHeaders(request, this.options.trustProxy))) {
        response.setHeader(name, value)
      }
      this.options.serveStatic(request, response)
    }
    // an empty rejection tells Hocuspocus the request is answered
    throw null
  }

  private async handleApi(request: IncomingMessage, response: ServerResponse, url: URL) {
    const { routes, sessions, maxBodyBytes, logger, trustProxy } = this.options
    try {
      const candidates = routes.filter((r) => r.pattern.test(url.pathname))
      if (candidates.length === 0) throw new HttpError(404, 'not_found', `no route ${url.pathname}`)
      const route = candidates.find((r) => r.method === request.method)
      if (!route) {
        throw new HttpError(405, 'method_not_allowed', `${request.method} is not allowed on ${url.pathname}`)
      }
      let user: User = { id: 'anonymous', name: 'anonymous' }
      if (!route.public) {
        const { token, fromCookie } = requestToken(request)
        // the browser sends the cookie with any site's request: a write must come from our own pages
        if (fromCookie && WRITES.has(request.method ?? '') && !isSameOrigin(request, trustProxy)) {
          throw new HttpError(403, 'cross_site_request', 'a request from another site cannot use the session cookie')
        }
        try {
          user = await sessions.verify(token)
        } catch (error) {
          if (error instanceof InvalidTokenError) throw new HttpError(401, 'unauthorized', error.message)
          throw error
        }
        await this.options.rememberUser(user)
      }
      const proto = (request.headers['x-forwarded-proto'] as string | undefined) ?? 'http'
      const apiRequest: ApiRequest = {
        secure: isHttps(request, trustProxy),
        raw: request,
        params: route.pattern.exec(url.pathname)!.slice(1),
        query: url.searchParams,
        user,
        address: clientAddress(request, trustProxy),
        origin: `${proto}://${request.headers.host ?? 'localhost'}`,
        readJson: () => readJsonBody(request, maxBodyBytes),
      }
      const result = await route.handler(apiRequest)
      if (result.body !== undefined) sendFile(response, result.status, result.body, result.headers)
      else send(response, result.status, result.json, result.headers)
    } catch (error) {
      if (error instanceof HttpError) {
        const headers: Record<string, string> = error.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {}
        if (error.retryAfter !== undefined) headers['Retry-After'] = String(error.retryAfter)
        // after a refused oversized body, stop reading it
        if (error.status === 413) headers.Connection = 'close'
        send(
          response,
          error.status,
          {
            error: {
              ...error.details,
              code: error.code,
              message: error.message,
              issues: error.issues,
              retryAfter: error.retryAfter,
            },
          },
          headers,
        )
      } else {
        logger.error(`${request.method} ${url.pathname} failed`, error)
        send(response, 500, { error: { code: 'internal_error', message: 'internal error' } })
      }
    }
  }
}
