import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { list, runIfMain } from './lib/cli.js'
import { connectClients } from './lib/connectClient.js'
import { encodeConvention, realisticConvention } from './lib/conventions.js'
import { fmtBytes } from './lib/format.js'
import { cpuMeter, rssBytes } from './lib/procStats.js'
import { table, writeSection } from './lib/results.js'
import { withServer, type ServerKind } from './lib/startServer.js'
import { sleep } from './lib/time.js'

/**
 * Memory per connection: 1,000 idle clients held by one server process, spread over a few
 * conventions (1,000 people in one convention would not be idle: every awareness renewal
 * would go to 999 others).
 */

interface Options {
  servers: ServerKind[]
  clients: number
  conventions: number
  idleS: number
}

/** The soft limit on open files of a process: every connection holds one descriptor. */
function openFilesLimit(pid: number | 'self'): number {
  const limits = readFileSync(`/proc/${pid}/limits`, 'utf8')
  const soft = /Max open files\s+(\S+)/.exec(limits)?.[1]
  return soft === 'unlimited' ? Infinity : Number(soft)
}

async function measure(kind: ServerKind, state: Uint8Array, o: Options) {
  return withServer(kind, async (server) => {
    const needed = o.clients + 200
    for (const [who, limit] of [
      ['server', openFilesLimit(server.pid)],
      ['benchmark', openFilesLimit('self')],
    ] as const) {
      if (limit < needed) {
        throw new Error(`the ${who} may open ${limit} files, ${needed} are needed: raise it (ulimit -n ${needed * 2})`)
      }
    }
    const names = Array.from({ length: o.conventions }, (_, i) => `c-idle-${i + 1}`)
    await server.seed(state, names)
    const tokens = await server.tokens(o.clients)
    const nameOf = (i: number) => names[i % names.length]!
    // one client per convention first, so that the delta is connections only, not documents
    const first = await connectClients(server, nameOf, tokens.slice(0, names.length), { concurrency: 12 })
    await sleep(1000)
    const heap0 = await server.heap()
    const rss0 = rssBytes(server.pid)
    const t0 = performance.now()
    const rest = await connectClients(server, nameOf, tokens.slice(names.length), {
      firstIndex: names.length,
      concurrency: 12,
    })
    const connectS = (performance.now() - t0) / 1000
    await sleep(2000)
    const meter = cpuMeter(server.pid)
    await sleep(o.idleS * 1000)
    const idle = meter()
    const heap1 = await server.heap()
    const rss1 = rssBytes(server.pid)
    const added = rest.length
    for (const c of [...first, ...rest]) c.destroy()
    return {
      label: server.label,
      added,
      connectS,
      rssPerConnection: (rss1 - rss0) / added,
      heapPerConnection: (heap1.heapUsed - heap0.heapUsed) / added,
      rssTotal: rss1,
      idleCores: idle.cores,
    }
  })
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      servers: { type: 'string' },
      clients: { type: 'string', default: '1000' },
      conventions: { type: 'string', default: '20' },
      idle: { type: 'string', default: '10' },
    },
  })
  const o: Options = {
    servers: list(values.servers, ['ctg', 'hocuspocus', 'y-websocket']) as ServerKind[],
    clients: Number(values.clients),
    conventions: Number(values.conventions),
    idleS: Number(values.idle),
  }
  const state = encodeConvention(realisticConvention())
  const rows: (string | number)[][] = []
  for (const kind of o.servers) {
    const r = await measure(kind, state, o)
    console.log(
      `${r.label}: ${r.added} connections in ${r.connectS.toFixed(1)} s, RSS ${fmtBytes(r.rssPerConnection)}/connection, ` +
        `heap ${fmtBytes(r.heapPerConnection)}/connection, idle CPU ${(r.idleCores * 100).toFixed(1)} %`,
    )
    rows.push([
      r.label,
      r.added,
      r.connectS.toFixed(1),
      fmtBytes(r.rssPerConnection),
      fmtBytes(r.heapPerConnection),
      fmtBytes(r.rssTotal),
      `${(r.idleCores * 100).toFixed(1)} %`,
    ])
  }
  writeSection(
    'idle-connections',
    [
      '## Idle connections held by one process',
      '',
      `${o.clients} HocuspocusProviders (y-websocket providers for the reference server), each with its own WebSocket and`,
      `an awareness state (a user name), over ${o.conventions} conventions (the realistic seed). One client per convention`,
      'connects first (documents loaded), then the measured rest. Memory read after a forced gc (debug hook) and',
      `from /proc/<pid>/status; open-files limit checked (${openFilesLimit('self')} here). Idle CPU over ${o.idleS} s: awareness renewals (every 15 s per client) and pings.`,
      '',
      table(
        [
          'server',
          'connections added',
          'connect time s',
          'RSS / connection',
          'heap / connection',
          'server RSS with all',
          'idle server CPU',
        ],
        rows,
      ),
    ].join('\n'),
  )
}

runIfMain(import.meta.url, main)
