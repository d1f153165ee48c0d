import { parseArgs } from 'node:util'
import { list, runIfMain } from './lib/cli.js'
import type { ConnectArgs, GroupResult, RunArgs } from './lib/clientGroup.js'
import { encodeConvention, realisticConvention } from './lib/conventions.js'
import { summarizeProfile } from './lib/cpuProfile.js'
import { table, writeSection } from './lib/results.js'
import { RpcChild } from './lib/rpc.js'
import { cpuMeter, threadCpuMeter } from './lib/procStats.js'
import type { EventLoopStats } from './lib/eventLoop.js'
import { startServer, type ServerKind } from './lib/startServer.js'
import { fmtMs, fmtRatio } from './lib/format.js'
import { summarize, type Summary } from './lib/stats.js'
import { nowMs, sleep } from './lib/time.js'

/**
 * Fan-out latency: one keystroke on one client → visible in the Y.Doc of every other client
 * of the convention, with 10, 100 and 300 clients, on our server, bare Hocuspocus and the
 * y-websocket reference server, each in its own process.
 */

const CLIENT_GROUP = new URL('./lib/clientGroup.ts', import.meta.url).pathname
const DOC_NAME = 'c-bench-fanout'
/** Goals from the issues (issue 12: within 1.1× of bare Hocuspocus with durability on). */
const GOAL_P99_MS = 50
const GOAL_RATIO = 1.1

export interface FanoutOptions {
  clients: number[]
  servers: ServerKind[]
  /** at most this many clients type at once (a plenary: most people read) */
  writers: number
  warmupS: number
  windowS: number
  /** client processes */
  groups: number
  awareness: boolean
  profile: boolean
}

export interface FanoutResult {
  kind: ServerKind
  label: string
  clients: number
  writers: number
  keystrokes: number
  expected: number
  latency: Summary
  /** per keystroke, until the last receiver had it */
  untilAll: Summary
  server: {
    cores: number
    /** CPU per keystroke delivered to one client, µs */
    usPerDelivery: number
    /** the same by kind of thread (procStats' threadCpuMeter), µs */
    threads: { main: number; writer: number; workers: number; helpers: number }
    loop: EventLoopStats
  }
  harness: {
    cores: number
    usPerDelivery: number
    maxUtilization: number
    maxDelayP99: number
    /** time one client process needs to apply one keystroke in all its clients: latency the harness adds by itself */
    floorMs: number
  }
  profile?: string
}

function clientsOfGroup(clients: number, groups: number, g: number): number[] {
  return Array.from({ length: clients }, (_, i) => i).filter((i) => i % groups === g)
}

/** Latency of every delivery in the window: receptions joined with sends on the keystroke's id (clientID, clock). */
export function joinKeystrokes(results: GroupResult[], fromMs: number, untilMs: number) {
  const key = (client: number, clock: number) => client * 1e6 + clock
  const sentAt = new Map<number, number>()
  for (const { sent } of results) {
    for (let i = 0; i < sent.length; i += 3) {
      const t = sent[i + 2]!
      if (t >= fromMs && t < untilMs) sentAt.set(key(sent[i]!, sent[i + 1]!), t)
    }
  }
  const latencies: number[] = []
  const slowest = new Map<number, number>()
  for (const { received } of results) {
    for (let i = 0; i < received.length; i += 3) {
      const k = key(received[i]!, received[i + 1]!)
      const t = sentAt.get(k)
      if (t === undefined) continue
      const latency = received[i + 2]! - t
      latencies.push(latency)
      slowest.set(k, Math.max(slowest.get(k) ?? 0, latency))
    }
  }
  return { keystrokes: sentAt.size, latencies, untilAll: [...slowest.values()] }
}

async function runOne(kind: ServerKind, clients: number, seed: Uint8Array, o: FanoutOptions): Promise<FanoutResult> {
  const profile = o.profile ? `fanout-${kind}-${clients}` : undefined
  const server = await startServer(kind)
  await server.seed(seed, [DOC_NAME])
  const tokens = await server.tokens(clients)
  const groupCount = Math.min(o.groups, clients)
  const groups = Array.from({ length: groupCount }, () => new RpcChild(CLIENT_GROUP))
  try {
    await Promise.all(groups.map((g) => g.ready))
    // the first clients type; spread round-robin over the groups, so are the writers
    const writers = Array.from({ length: Math.min(clients, o.writers) }, (_, i) => i)
    await Promise.all(
      groups.map((g, k) =>
        g.call('connect', {
          endpoint: { protocol: server.protocol, wsUrl: server.wsUrl },
          docName: DOC_NAME,
          indices: clientsOfGroup(clients, groupCount, k),
          tokens: clientsOfGroup(clients, groupCount, k).map((i) => tokens[i]!),
          writers,
          awareness: o.awareness,
        } satisfies ConnectArgs),
      ),
    )
    // the joins' awareness broadcasts settle before typing
    await sleep(1000)

    // the profiler's start blocks a process for ~0.1 s: it starts before the warm-up
    if (profile) await Promise.all([server.profileStart(), groups[0]!.profileStart()])
    const windowFromMs = nowMs() + o.warmupS * 1000
    const typeUntilMs = windowFromMs + o.windowS * 1000
    const run: RunArgs = { windowFromMs, typeUntilMs, drainMs: 2000 }
    const runs = Promise.all(groups.map((g) => g.call<GroupResult>('run', run)))
    await sleep(windowFromMs - nowMs())
    const meter = cpuMeter(server.pid)
    const threadMeter = threadCpuMeter(server.pid)
    await server.eventLoopStart()
    await sleep(typeUntilMs - nowMs())
    const serverCpu = meter()
    const threadCpu = threadMeter()
    const serverLoop = await server.eventLoopStop()
    if (profile) await Promise.all([server.profileStop(profile), groups[0]!.profileStop(`${profile}-harness-0`)])
    const results = await runs
    await Promise.all(groups.map((g) => g.call('close')))

    const { keystrokes, latencies, untilAll } = joinKeystrokes(results, windowFromMs, typeUntilMs)
    const deliveries = Math.max(1, latencies.length)
    const harnessUs = (results.reduce((sum, r) => sum + r.cpuMs, 0) * 1000) / deliveries
    return {
      kind,
      label: server.label,
      clients,
      writers: writers.length,
      keystrokes,
      expected: keystrokes * (clients - 1),
      latency: summarize(latencies),
      untilAll: summarize(untilAll),
      server: {
        cores: serverCpu.cores,
        usPerDelivery: (serverCpu.cpuMs * 1000) / deliveries,
        threads: {
          main: (threadCpu.mainMs * 1000) / deliveries,
          writer: (threadCpu.writerMs * 1000) / deliveries,
          workers: (threadCpu.workersMs * 1000) / deliveries,
          helpers: (threadCpu.helpersMs * 1000) / deliveries,
        },
        loop: serverLoop,
      },
      harness: {
        cores: results.reduce((sum, r) => sum + r.cpuMs, 0) / serverCpu.wallMs,
        usPerDelivery: harnessUs,
        maxUtilization: Math.max(...results.map((r) => r.eventLoop.utilization)),
        maxDelayP99: Math.max(...results.map((r) => r.eventLoop.delayP99)),
        floorMs: (Math.ceil((clients - 1) / groupCount) * harnessUs) / 1000,
      },
      profile,
    }
  } finally {
    await Promise.all(groups.map((g) => g.stop()))
    await server.stop()
  }
}

const pct = (share: number) => `${(share * 100).toFixed(0)} %`
/** µs per delivery of the main thread, the log writer, the other workers and V8's helper threads */
const threadSplit = ({ server: { threads: t } }: FanoutResult) =>
  [t.main, t.writer, t.workers, t.helpers].map((us) => us.toFixed(0)).join(' / ')

function printResult(r: FanoutResult) {
  console.log(
    `${r.label.padEnd(24)} N=${String(r.clients).padStart(3)} keystrokes=${r.keystrokes} ` +
      `delivered=${r.latency.count}/${r.expected} p50=${fmtMs(r.latency.p50)} p99=${fmtMs(r.latency.p99)} ` +
      `max=${fmtMs(r.latency.max)} ms | server ${pct(r.server.cores)} CPU, ${r.server.usPerDelivery.toFixed(1)} µs/delivery ` +
      `(${threadSplit(r)}), ` +
      `loop delay max ${fmtMs(r.server.loop.delayMax)} ms | harness ${pct(r.harness.cores)} CPU, ` +
      `ELU max ${pct(r.harness.maxUtilization)}, floor ${fmtMs(r.harness.floorMs)} ms`,
  )
}

function report(results: FanoutResult[], o: FanoutOptions): string {
  const latencyRows = results.map((r) => [
    r.label,
    r.clients,
    r.writers,
    r.keystrokes,
    `${((100 * r.latency.count) / Math.max(1, r.expected)).toFixed(1)} %`,
    fmtMs(r.latency.p50),
    fmtMs(r.latency.p90),
    fmtMs(r.latency.p99),
    fmtMs(r.latency.max),
    fmtMs(r.untilAll.p99),
  ])
  const costRows = results.map((r) => [
    r.label,
    r.clients,
    pct(r.server.cores),
    r.server.usPerDelivery.toFixed(1),
    threadSplit(r),
    `${fmtMs(r.server.loop.delayP99)} / ${fmtMs(r.server.loop.delayMax)}`,
    pct(r.harness.cores),
    r.harness.usPerDelivery.toFixed(1),
    pct(r.harness.maxUtilization),
    fmtMs(r.harness.maxDelayP99),
    fmtMs(r.harness.floorMs),
  ])
  const find = (kind: ServerKind, n: number) => results.find((r) => r.kind === kind && r.clients === n)
  const ratioRows: (string | number)[][] = []
  const goals: (string | number)[][] = []
  for (const n of o.clients) {
    const ctg = find('ctg', n)
    for (const other of ['hocuspocus', 'y-websocket'] as const) {
      const base = find(other, n)
      if (!ctg || !base) continue
      ratioRows.push([
        `ctg / ${base.label}`,
        n,
        fmtRatio(ctg.latency.p50 / base.latency.p50),
        fmtRatio(ctg.latency.p99 / base.latency.p99),
        fmtRatio(ctg.server.usPerDelivery / base.server.usPerDelivery),
      ])
      if (other === 'hocuspocus') {
        const p50 = ctg.latency.p50 / base.latency.p50
        const p99 = ctg.latency.p99 / base.latency.p99
        goals.push([
          `ctg within ${GOAL_RATIO}× of bare Hocuspocus, ${n} clients (p50, p99)`,
          `${fmtRatio(p50)}, ${fmtRatio(p99)}`,
          p50 <= GOAL_RATIO && p99 <= GOAL_RATIO ? 'PASS' : 'FAIL',
        ])
        // the same goal on the server's own cost, which the harness does not blur
        const cpu = ctg.server.usPerDelivery / base.server.usPerDelivery
        goals.push([
          `ctg server CPU per delivery within ${GOAL_RATIO}× of bare Hocuspocus, ${n} clients`,
          fmtRatio(cpu),
          cpu <= GOAL_RATIO ? 'PASS' : 'FAIL',
        ])
      }
    }
  }
  const ctg300 = find('ctg', 300)
  if (ctg300) {
    goals.unshift([
      `ctg fan-out p99 < ${GOAL_P99_MS} ms with 300 clients`,
      `${fmtMs(ctg300.latency.p99)} ms`,
      ctg300.latency.p99 < GOAL_P99_MS ? 'PASS' : 'FAIL',
    ])
  }
  const profiles = results
    .filter((r) => r.profile)
    .flatMap((r) => [
      summarizeProfile(r.profile!, `${r.label}, ${r.clients} clients: server`),
      summarizeProfile(`${r.profile}-harness-0`, `${r.label}, ${r.clients} clients: client harness (group 0)`),
    ])
  return [
    '## Fan-out latency',
    '',
    `Keystroke → visible in every other client's Y.Doc. One convention (the realistic seed: 6 fiches,`,
    `2 tables, 13 signatories; ${(encodeConvention(realisticConvention()).length / 1024).toFixed(0)} KiB of Yjs state), N clients connected, the first`,
    `min(N, ${o.writers}) typing one character at a time at 5 keystrokes/s each (intervals uniform in 100–300 ms) at`,
    `the end of a fiche's objective. ${o.warmupS} s warm-up, then ${o.windowS} s measured; latency from every receiver.`,
    `Clients in ${o.groups} child process(es), each server in its own process. ` +
      (o.awareness
        ? 'Every client has an awareness state (a user name and colour) that its provider renews every 15 s; carets are not simulated.'
        : '**Awareness off** (diagnostic run: browsers always have it).'),
    '',
    table(
      [
        'server',
        'clients',
        'writers',
        'keystrokes',
        'delivered',
        'p50 ms',
        'p90 ms',
        'p99 ms',
        'max ms',
        'p99 until all ms',
      ],
      latencyRows,
    ),
    '',
    '### Where the time goes',
    '',
    'Server: CPU over the window (share of one core), CPU per delivery (independent of the harness) and its split by',
    'thread (from /proc/<pid>/task: the event loop, the thread that wrote to disk, other threads started once the server',
    "ran, and those started with the process: V8's garbage collection and compilers, libuv), event-loop delay",
    "(how late a 5 ms timer fired: stalls). Harness: the client processes' CPU, per delivery, their highest event-loop",
    'utilization and delay, and the floor it adds by itself (one process applying one keystroke in all its clients).',
    '',
    table(
      [
        'server',
        'clients',
        'server CPU',
        'server µs / delivery',
        'by thread: main / log writer / workers / V8 helpers',
        'server loop delay p99 / max ms',
        'harness CPU',
        'harness µs / delivery',
        'harness max ELU',
        'harness loop delay p99 ms',
        'harness floor ms',
      ],
      costRows,
    ),
    '',
    '### Ratios (lower is better for ctg)',
    '',
    table(['comparison', 'clients', 'p50', 'p99', 'server CPU per delivery'], ratioRows),
    '',
    '### Goals',
    '',
    table(['goal', 'measured', 'result'], goals),
    ...(profiles.length ? ['', '### CPU profiles (self time, top frames)', '', ...profiles] : []),
  ].join('\n')
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      clients: { type: 'string' },
      servers: { type: 'string' },
      writers: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      window: { type: 'string', default: '15' },
      groups: { type: 'string', default: '2' },
      awareness: { type: 'string', default: 'on' },
      profile: { type: 'boolean', default: false },
    },
  })
  const o: FanoutOptions = {
    clients: list(values.clients, ['10', '100', '300']).map(Number),
    servers: list(values.servers, ['ctg', 'hocuspocus', 'y-websocket']) as ServerKind[],
    writers: Number(values.writers),
    warmupS: Number(values.warmup),
    windowS: Number(values.window),
    groups: Number(values.groups),
    awareness: values.awareness !== 'off',
    profile: values.profile,
  }
  const seed = encodeConvention(realisticConvention())
  const results: FanoutResult[] = []
  for (const clients of o.clients) {
    for (const kind of o.servers) {
      const result = await runOne(kind, clients, seed, o)
      printResult(result)
      results.push(result)
    }
  }
  const markdown = report(results, o)
  // a profiled run is slower: it does not replace the reference figures
  writeSection(o.profile ? 'fanout-profile' : 'fanout', markdown)
}

runIfMain(import.meta.url, main)
