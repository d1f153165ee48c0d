import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import WebSocket from 'ws'
import * as Y from 'yjs'

export interface TestClient {
  doc: Y.Doc
  provider: HocuspocusProvider
  socket: HocuspocusProviderWebsocket
  /** resolves once every local change has been acknowledged by the server */
  settled(): Promise<void>
  destroy(): void
}

/** A real HocuspocusProvider over a real WebSocket (`ws`), as a browser would connect. */
export async function connectClient(wsUrl: string, name: string, token: string): Promise<TestClient> {
  const doc = new Y.Doc({ gc: false })
  const socket = new HocuspocusProviderWebsocket({ url: wsUrl, WebSocketPolyfill: WebSocket })
  const provider = new HocuspocusProvider({ websocketProvider: socket, name, document: doc, token })
  provider.attach()
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`client did not sync ${name}`)), 10_000)
    provider.on('synced', () => {
      clearTimeout(timer)
      resolve()
    })
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
      clearTimeout(timer)
      reject(new Error(`authentication failed: ${reason}`))
    })
  })
  return {
    doc,
    provider,
    socket,
    settled: () => waitFor(() => !provider.hasUnsyncedChanges, `${name} has unsynced changes`),
    destroy: () => {
      provider.destroy()
      socket.destroy()
    },
  }
}

/** Polls `condition` until it holds (or fails after `timeoutMs`). */
export async function waitFor(
  condition: () => boolean,
  message: string | (() => string) = 'condition',
  timeoutMs = 10_000,
): Promise<void> {
  const start = Date.now()
  while (!condition()) {
    if (Date.now() - start > timeoutMs) {
      throw new Error(`timed out waiting for: ${typeof message === 'function' ? message() : message}`)
    }
    await new Promise((r) => setTimeout(r, 10))
  }
}
