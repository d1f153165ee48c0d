import type { DirectConnection, Hocuspocus } from '@hocuspocus/server'
import { forceGc } from '../lib/forceGc.js'
import { serveRpc } from '../lib/rpc.js'

/** What each server child (ours, bare Hocuspocus, y-websocket) provides to the benchmarks. */
export interface ServerChild {
  port: number
  /** creates documents `names`, each holding the Yjs `state` */
  seed(state: Uint8Array, names: string[]): Promise<void>
  /** bearer tokens of `count` different users ('' when the server checks none), with a role where roles exist */
  tokens(count: number, role?: 'editor' | 'commenter'): Promise<string[]>
  /** loads documents without a WebSocket, as the first connection would (memory per document) */
  open?(names: string[]): Promise<number[]>
  /** unloads what `open` loaded */
  close?(): Promise<void>
  /** how many documents are loaded in memory */
  documents(): number
  stop(): Promise<void>
}

/** Serves the benchmark's calls in a server child process. */
export function runServerChild(child: ServerChild): void {
  serveRpc(
    {
      seed: ({ state, names }: { state: Uint8Array; names: string[] }) => child.seed(state, names),
      tokens: (args: number | { count: number; role: 'editor' | 'commenter' }) =>
        typeof args === 'number' ? child.tokens(args) : child.tokens(args.count, args.role),
      open: (names: string[]) => {
        if (!child.open) throw new Error('this server cannot open documents directly')
        return child.open(names)
      },
      close: () => child.close?.(),
      documents: () => child.documents(),
      heap: () => {
        forceGc()
        return process.memoryUsage()
      },
      stop: async () => {
        await child.stop()
        // exit after the reply is sent; --cpu-prof writes its profile at exit
        setTimeout(() => process.exit(0), 50)
      },
    },
    { port: child.port },
  )
}

/** open / close / documents of a Hocuspocus server: documents loaded through direct connections, as a first client would. */
export function directConnections(hocuspocus: Hocuspocus): Pick<ServerChild, 'open' | 'close' | 'documents'> {
  let connections: DirectConnection[] = []
  return {
    open: async (names) => {
      const times: number[] = []
      for (const name of names) {
        const t0 = performance.now()
        connections.push(await hocuspocus.openDirectConnection(name, {}))
        times.push(performance.now() - t0)
      }
      return times
    },
    close: async () => {
      await Promise.all(connections.map((c) => c.disconnect()))
      connections = []
    },
    documents: () => hocuspocus.getDocumentsCount(),
  }
}
