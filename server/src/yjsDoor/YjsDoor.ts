import { CloseCode } from '@ctg/shared'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Extension, Hocuspocus, onUpgradePayload } from '@hocuspocus/server'
import { WebSocketServer, type WebSocket } from 'ws'
import { InvalidTokenError } from '../auth/tokens.js'
import type { Authentication } from '../hooks/Authentication.js'
import type { Logger } from '../logger.js'
import { YjsSocket } from './YjsSocket.js'

/** `ws://HOST:PORT/yjs/<conventionId>?token=…`: what y-websocket's `WebsocketProvider` asks for with serverUrl `…/yjs` and the convention id as room. */
export const YJS_DOOR_PATH = '/yjs/'

/** Counts a refused token or convention against the client address (PreAuthLimits). */
type FailureCounter = (payload: { requestHeaders: Headers }) => void

/**
 * The door for y-websocket clients (docs/api.md, "The y-websocket door"). The token and the
 * membership are checked before the upgrade (401, 404, 410), then the socket is handed to
 * Hocuspocus as if it were one of its own providers (`YjsSocket` translates the frames), so
 * the document, the hooks (limits, update guard, roles, durable log, activity) and the
 * broadcasts are those of `/collab`: nothing here touches a document.
 */
export class YjsDoor implements Extension {
  extensionName = 'YjsDoor'
  private readonly sockets: WebSocketServer

  constructor(
    private readonly authentication: Authentication,
    private readonly authenticationFailed: FailureCounter,
    maxFrameBytes: number,
    private readonly logger: Logger,
  ) {
    // the same frame limit as /collab: `ws` closes with 1009 before buffering a larger message
    this.sockets = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes })
  }

  async onUpgrade({ request, socket, head, instance }: onUpgradePayload): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (!url.pathname.startsWith(YJS_DOOR_PATH)) return
    // handled here whatever the outcome: Hocuspocus's own upgrade must not run
    const refusal = await this.refusalFor(request, url)
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\n\r\n`)
      this.authenticationFailed({ requestHeaders: headersOf(request) })
      throw null
    }
    this.sockets.handleUpgrade(request, socket as Duplex, head, (webSocket) =>
      this.open(webSocket, request, url, instance),
    )
    throw null
  }

  async onDestroy() {
    for (const client of this.sockets.clients) client.close(1001, 'server shutting down')
    this.sockets.close()
  }

  /** The HTTP status line that refuses the upgrade, or null to accept it. */
  private async refusalFor(request: IncomingMessage, url: URL): Promise<string | null> {
    const conventionId = conventionIdOf(url)
    const token = url.searchParams.get('token')
    if (!token) return '401 Unauthorized'
    if (!conventionId) return '404 Not Found'
    try {
      await this.authentication.authorize({ token, cookies: null }, conventionId)
      return null
    } catch (error) {
      if (error instanceof InvalidTokenError) return '401 Unauthorized'
      const reason = (error as { reason?: unknown } | null)?.reason
      if (reason === 'forbidden') return '404 Not Found'
      if (reason === 'convention deleted') return '410 Gone'
      this.logger.error(`y-websocket door: could not check access from ${request.socket.remoteAddress}`, error)
      return '503 Service Unavailable'
    }
  }

  private open(webSocket: WebSocket, request: IncomingMessage, url: URL, hocuspocus: Hocuspocus) {
    const conventionId = conventionIdOf(url)!
    const yjsSocket = new YjsSocket(webSocket, conventionId)
    // Hocuspocus reads the request's headers and query in its hooks; the door is token-only, so no cookie
    const headers = headersOf(request)
    headers.delete('cookie')
    const connection = hocuspocus.handleConnection(yjsSocket, new Request(url, { headers }))
    connection.handleMessage(yjsSocket.authentication(url.searchParams.get('token')!))
    webSocket.on('message', (data, isBinary) => {
      const frame = isBinary ? yjsSocket.toHocuspocus(new Uint8Array(data as Buffer)) : null
      if (frame) connection.handleMessage(frame)
      else webSocket.close(CloseCode.malformed, 'malformed message')
    })
    webSocket.on('close', (code, reason) => connection.handleClose({ code, reason: reason.toString() }))
    webSocket.on('error', (error) => this.logger.warn(`y-websocket door: socket error on ${conventionId}`, error))
  }
}

function conventionIdOf(url: URL): string | null {
  try {
    const id = decodeURIComponent(url.pathname.slice(YJS_DOOR_PATH.length))
    return id && !id.includes('/') ? id : null
  } catch {
    return null
  }
}

function headersOf(request: IncomingMessage): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one)
  }
  return headers
}
