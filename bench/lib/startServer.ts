import type { Endpoint } from './connectClient.js'
import { RpcChild } from './rpc.js'

/** The servers compared: ours, stock Hocuspocus (in memory or with the stock SQLite store), the y-websocket reference. */
export type ServerKind = 'ctg' | 'hocuspocus' | 'hocuspocus-sqlite' | 'y-websocket'

export const SERVER_LABELS: Record<ServerKind, string> = {
  ctg: 'ctg (our server)',
  hocuspocus: 'bare Hocuspocus',
  'hocuspocus-sqlite': 'Hocuspocus + extension-database (SQLite, debounced)',
  'y-websocket': 'y-websocket reference',
}

const ENTRIES: Record<ServerKind, { file: string; env: Record<string, string> }> = {
  ctg: { file: 'ctgServer.ts', env: {} },
  hocuspocus: { file: 'bareHocuspocus.ts', env: { BENCH_PERSISTENCE: 'none' } },
  'hocuspocus-sqlite': { file: 'bareHocuspocus.ts', env: { BENCH_PERSISTENCE: 'sqlite' } },
  'y-websocket': { file: 'yWebsocketServer.ts', env: {} },
}

export interface BenchServer extends Endpoint {
  kind: ServerKind
  label: string
  pid: number
  port: number
  httpUrl: string
  seed(state: Uint8Array, names: string[]): Promise<void>
  token(): Promise<string>
  /** gc, then process.memoryUsage() of the server process */
  heap(): Promise<NodeJS.MemoryUsage>
  open(names: string[]): Promise<number[]>
  close(): Promise<void>
  /** CPU profile of the server between the two calls, written to bench/profiles/<name>.cpuprofile */
  profileStart(): Promise<void>
  profileStop(name: string): Promise<string>
  /** how many documents the server holds in memory */
  documents(): Promise<number>
  stop(): Promise<void>
}

export interface StartOptions {
  /** environment for the child (e.g. a variant flag of our server) */
  env?: Record<string, string>
  /** label instead of the kind's */
  label?: string
}

/** Starts one server in its own Node process, so that it never shares an event loop with the clients. */
export async function startServer(kind: ServerKind, options: StartOptions = {}): Promise<BenchServer> {
  const entry = ENTRIES[kind]
  const child = new RpcChild<{ port: number }>(new URL(`../servers/${entry.file}`, import.meta.url).pathname, {
    env: { ...entry.env, ...options.env },
  })
  const { port } = await child.ready
  const base = `127.0.0.1:${port}`
  return {
    kind,
    label: options.label ?? SERVER_LABELS[kind],
    protocol: kind === 'y-websocket' ? 'y-websocket' : 'hocuspocus',
    wsUrl: kind === 'ctg' ? `ws://${base}/collab` : `ws://${base}`,
    httpUrl: `http://${base}`,
    pid: child.pid,
    port,
    seed: (state, names) => child.call('seed', { state, names }),
    token: () => child.call('token'),
    heap: () => child.call('heap'),
    open: (names) => child.call('open', names),
    close: () => child.call('close'),
    documents: () => child.call('documents'),
    profileStart: () => child.profileStart(),
    profileStop: (name) => child.profileStop(name),
    stop: () => child.stop(),
  }
}
