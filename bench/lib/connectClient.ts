import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { ArrivalTimedWebSocket } from './arrivalTimedWebSocket.js'

/** Hocuspocus's protocol (our server, bare Hocuspocus) or y-websocket's (the reference server). */
export type Protocol = 'hocuspocus' | 'y-websocket'

export interface Endpoint {
  protocol: Protocol
  /** ws://… (for y-websocket, the base URL: the provider appends /<room>) */
  wsUrl: string
}

export interface BenchClient {
  doc: Y.Doc
  /** updates sent and not yet acknowledged (Hocuspocus only: y-websocket has no acknowledgement) */
  unsynced(): number
  /** resolves when every update sent so far has been acknowledged */
  acknowledged(): Promise<void>
  /** calls `listener` with each stateless message the server sends (Hocuspocus only) */
  onStateless(listener: (payload: string) => void): void
  destroy(): void
}

export interface ClientOptions {
  /** false: no awareness at all (a diagnostic: browsers always have it) */
  awareness?: boolean
  timeoutMs?: number
  /** Hocuspocus only: note each message's arrival and apply it in the next turn (`ArrivalTimedWebSocket`) */
  timeArrival?: boolean
}

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b']

/** One client as a browser tab would be: its own WebSocket, its own Y.Doc (gc off, like the editor), awareness with a user. */
export async function connectClient(
  endpoint: Endpoint,
  docName: string,
  token: string,
  index: number,
  options: ClientOptions = {},
): Promise<BenchClient> {
  const { awareness = true, timeoutMs = 30_000, timeArrival = false } = options
  const doc = new Y.Doc({ gc: false })
  const user = { name: `Participant ${index}`, color: COLORS[index % COLORS.length] }
  const timeout = (what: string) =>
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} ${docName} timed out`)), timeoutMs))

  if (endpoint.protocol === 'y-websocket') {
    // in Node every WebsocketProvider adds a process 'exit' listener: a thousand are expected here
    process.setMaxListeners(0)
    const provider = new WebsocketProvider(endpoint.wsUrl, docName, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      // our y-websocket door reads the token from the URL; the reference server ignores it
      params: token ? { token } : {},
    })
    if (awareness) provider.awareness.setLocalStateField('user', user)
    else provider.awareness.setLocalState(null)
    await Promise.race([
      new Promise<void>((resolve) => provider.once('sync', () => resolve())),
      timeout('y-websocket sync of'),
    ])
    return {
      doc,
      unsynced: () => 0,
      acknowledged: () => Promise.resolve(),
      onStateless: () => undefined,
      destroy: () => provider.destroy(),
    }
  }

  const socket = new HocuspocusProviderWebsocket({
    url: endpoint.wsUrl,
    WebSocketPolyfill: timeArrival ? ArrivalTimedWebSocket : WebSocket,
  })
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: docName,
    document: doc,
    token,
    ...(awareness ? {} : { awareness: null }),
  })
  provider.attach()
  provider.awareness?.setLocalStateField('user', user)
  await Promise.race([
    new Promise<void>((resolve, reject) => {
      provider.on('synced', () => resolve())
      provider.on('authenticationFailed', ({ reason }: { reason: string }) => reject(new Error(reason)))
    }),
    timeout('Hocuspocus sync of'),
  ])
  const waiters: (() => void)[] = []
  provider.on('unsyncedChanges', ({ number }: { number: number }) => {
    if (number === 0) for (const resolve of waiters.splice(0)) resolve()
  })
  return {
    doc,
    unsynced: () => provider.unsyncedChanges,
    acknowledged: () =>
      provider.unsyncedChanges === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve)),
    onStateless: (listener) => provider.on('stateless', ({ payload }: { payload: string }) => listener(payload)),
    destroy: () => {
      provider.destroy()
      socket.destroy()
    },
  }
}

/**
 * Connects one client per token, `concurrency` at a time: our server lets one address hold 16
 * sockets that have not authenticated yet (MAX_UNAUTHENTICATED_PER_IP), and every benchmark
 * client comes from 127.0.0.1.
 */
export async function connectClients(
  endpoint: Endpoint,
  docName: string | ((i: number) => string),
  tokens: string[],
  options: ClientOptions & { concurrency?: number; firstIndex?: number } = {},
): Promise<BenchClient[]> {
  const { concurrency = 6, firstIndex = 0, ...clientOptions } = options
  const count = tokens.length
  const clients: BenchClient[] = []
  for (let start = 0; start < count; start += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, count - start) }, (_, k) => {
      const i = firstIndex + start + k
      const name = typeof docName === 'string' ? docName : docName(i)
      return connectClient(endpoint, name, tokens[start + k]!, i, clientOptions)
    })
    clients.push(...(await Promise.all(batch)))
  }
  return clients
}
