import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { waitFor } from './connectClient.js'

export interface YjsClient {
  doc: Y.Doc
  provider: WebsocketProvider
  destroy(): void
}

/**
 * y-websocket's own `WebsocketProvider` on the door for Yjs clients, as its documentation
 * has it: serverUrl `ws://HOST:PORT/yjs`, room the convention id, the token in `params`.
 * Resolves once the provider has synced.
 */
export async function connectYjsClient(httpUrl: string, conventionId: string, token: string): Promise<YjsClient> {
  const doc = new Y.Doc({ gc: false })
  const provider = new WebsocketProvider(`${httpUrl.replace(/^http/, 'ws')}/yjs`, conventionId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as never,
    // providers in one process would otherwise sync through a BroadcastChannel, not the server
    disableBc: true,
  })
  await waitFor(() => provider.synced, `the y-websocket client to sync ${conventionId}`, 15_000)
  return {
    doc,
    provider,
    destroy: () => {
      provider.destroy()
      doc.destroy()
    },
  }
}
