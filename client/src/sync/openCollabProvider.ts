import { EDITOR_SCHEMA_FINGERPRINT } from '@ctg/extensions'
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import type * as Y from 'yjs'
import { syncAnswerFirst } from './syncAnswerFirst.js'

/**
 * How long the provider gathers this device's changes (and cursor moves) before it sends
 * them as one merged message. The server allows 100 messages a second per socket (burst
 * 1,000): typing at 300 keys a second without a window sends a document update and an
 * awareness update per key, 600 a second, and is closed with 4429 within seconds.
 * With 50 ms it sends at most 20 of each a second, and others see a change 50 ms later.
 */
export const UPDATE_BATCH_MS = 50

export interface CollabProviderOptions {
  url: string
  name: string
  document: Y.Doc
  token: string | (() => string)
  /** the WebSocket class to use (the browser's, or UnsentChanges' tracked one) */
  WebSocket: typeof WebSocket
  /** longest wait between reconnection attempts */
  maxDelay?: number
  minDelay?: number
  delay?: number
}

/** The socket and provider of one convention, as the editor opens them (batched, sync answer first). */
export function openCollabProvider(options: CollabProviderOptions): {
  socket: HocuspocusProviderWebsocket
  provider: HocuspocusProvider
} {
  const { url, name, document, token, WebSocket, ...delays } = options
  // an option given as undefined would replace the provider's default
  const given = Object.fromEntries(Object.entries(delays).filter(([, value]) => value !== undefined))
  // the server refuses a page built with another schema than its own (ClientSchemaCheck)
  const withSchema = `${url}${url.includes('?') ? '&' : '?'}schema=${EDITOR_SCHEMA_FINGERPRINT}`
  const socket = new HocuspocusProviderWebsocket({
    url: withSchema,
    WebSocketPolyfill: syncAnswerFirst(WebSocket),
    ...given,
  })
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name,
    document,
    token,
    flushDelay: UPDATE_BATCH_MS,
  })
  return { socket, provider }
}
