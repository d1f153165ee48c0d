import type { Endpoint } from './connectClient.js'
import type { EventLoopStats } from './eventLoop.js'
import { RpcChild } from './rpc.js'

/**
 * The servers compared: ours (and ours acknowledging before the commit), stock Hocuspocus (in
 * memory or with the stock debounced SQLite store), the y-websocket reference.
 */
export type ServerKind = 'ctg' | 'ctg-no-wait' | 'ctg-yjs' | 'hocuspocus' | 'hocuspocus-sqlite' | 'y-websocket'

interface ServerSpec {
  label: string
  file: string
  env?: Record<string, string>
  /** settings of our server, read by readConfig */
  config?: Record<string, string>
}

const SERVERS: Record<ServerKind, ServerSpec> = {
  ctg: { label: 'ctg (our server)', file: 'ctgServer.ts' },
  // the log is still written, but the acknowledgement (and the broadcast) does not wait for the commit
  'ctg-no-wait': { label: 'ctg, DURABLE_ACK=0', file: 'ctgServer.ts', config: { DURABLE_ACK: '0' } },
  // the same server, its clients on the y-websocket door (y-websocket's provider, /yjs/<id>)
  'ctg-yjs': { label: 'ctg, y-websocket door', file: 'ctgServer.ts' },
  hocuspocus: { label: 'bare Hocuspocus', file: 'bareHocuspocus.ts', env: { BENCH_PERSISTENCE: 'none' } },
  'hocuspocus-sqlite': {
    label: 'Hocuspocus + extension-database (SQLite, debounced)',
    file: 'bareHocuspocus.ts',
    env: { BENCH_PERSISTENCE: 'sqlite' },
  },
  'y-websocket': { label: 'y-websocket reference', file: 'yWebsocketServer.ts' },
}

export const SERVER_KINDS = Object.keys(SERVERS) as ServerKind[]

export interface BenchServer extends Endpoint {
  kind: ServerKind
  label: string
  pid: number
  port: number
  httpUrl: string
  seed(state: Uint8Array, names: string[]): Promise<void>
  /** bearer tokens of `count` different users ('' for servers that check none); ours makes them `role`s */
  tokens(count: number, role?: 'editor' | 'commenter'): Promise<string[]>
  /** gc, then process.memoryUsage() of the server process */
  heap(): Promise<NodeJS.MemoryUsage>
  open(names: string[]): Promise<number[]>
  close(): Promise<void>
  /** CPU profile of the server between the two calls, written to bench/profiles/<name>.cpuprofile */
  profileStart(): Promise<void>
  profileStop(name: string): Promise<string>
  /** the server's event loop between the two calls: stalls show as delay */
  eventLoopStart(): Promise<void>
  eventLoopStop(): Promise<EventLoopStats>
  /** how many documents the server holds in memory */
  documents(): Promise<number>
  stop(): Promise<void>
}

export interface StartOptions {
  /** label instead of the kind's */
  label?: string
}

/** Starts one server in its own Node process, so that it never shares an event loop with the clients. */
export async function startServer(kind: ServerKind, options: StartOptions = {}): Promise<BenchServer> {
  const spec = SERVERS[kind]
  if (!spec) throw new Error(`unknown server ${kind}; choose among ${SERVER_KINDS.join(', ')}`)
  const child = new RpcChild<{ port: number }>(new URL(`../servers/${spec.file}`, import.meta.url).pathname, {
    // settings given in the shell's CTG_BENCH_ENV (e.g. COMMIT_WINDOW_MS) apply to every run; a variant's own win
    env: {
      ...spec.env,
      CTG_BENCH_ENV: JSON.stringify({ ...(JSON.parse(process.env.CTG_BENCH_ENV ?? '{}') as object), ...spec.config }),
    },
  })
  const { port } = await child.ready
  const base = `127.0.0.1:${port}`
  return {
    kind,
    label: options.label ?? spec.label,
    protocol: kind === 'y-websocket' || kind === 'ctg-yjs' ? 'y-websocket' : 'hocuspocus',
    wsUrl:
      kind === 'ctg-yjs' ? `ws://${base}/yjs` : spec.file === 'ctgServer.ts' ? `ws://${base}/collab` : `ws://${base}`,
    httpUrl: `http://${base}`,
    pid: child.pid,
    port,
    seed: (state, names) => child.call('seed', { state, names }),
    tokens: (count, role) => child.call('tokens', role ? { count, role } : count),
    heap: () => child.call('heap'),
    open: (names) => child.call('open', names),
    close: () => child.call('close'),
    documents: () => child.call('documents'),
    profileStart: () => child.profileStart(),
    profileStop: (name) => child.profileStop(name),
    eventLoopStart: () => child.eventLoopStart(),
    eventLoopStop: () => child.eventLoopStop(),
    stop: () => child.stop(),
  }
}

/** Runs `work` with a fresh server, stopped afterwards whatever happens. */
export async function withServer<T>(
  kind: ServerKind,
  work: (server: BenchServer) => Promise<T>,
  options: StartOptions = {},
): Promise<T> {
  const server = await startServer(kind, options)
  try {
    return await work(server)
  } finally {
    await server.stop()
  }
}
