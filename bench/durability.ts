import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { SqliteConventionStore } from '@ctg/server'
import { list, runIfMain } from './lib/cli.js'
import { connectClients, type BenchClient } from './lib/connectClient.js'
import { summarizeProfile } from './lib/cpuProfile.js'
import { encodeConvention, realisticConvention } from './lib/conventions.js'
import { cpuMeter } from './lib/procStats.js'
import { table, writeSection } from './lib/results.js'
import { withServer, type BenchServer, type ServerKind } from './lib/startServer.js'
import { fmtMs, fmtRatio } from './lib/format.js'
import { summarize, type Summary } from './lib/stats.js'
import { objectiveText } from './lib/typing.js'

/**
 * Durable-store overhead: how fast updates are acknowledged end to end (the provider's
 * `unsyncedChanges` back to 0), with and without the durable update log.
 */

interface Variant {
  kind: ServerKind
  label: string
}

const VARIANTS: Variant[] = [
  { kind: 'ctg', label: 'ctg, durable acknowledgement (default)' },
  { kind: 'ctg-no-wait', label: 'ctg, DURABLE_ACK=0 (log written, ack not waiting)' },
  { kind: 'hocuspocus-sqlite', label: 'Hocuspocus + extension-database (SQLite, debounced)' },
  { kind: 'hocuspocus', label: 'bare Hocuspocus (memory only)' },
]

interface Options {
  variants: string[]
  sequential: number
  burst: number
  writers: number
  perWriter: number
  profile: boolean
}

interface VariantResult {
  variant: Variant
  /** one update at a time, each awaited */
  sequential: { perSecond: number; ack: Summary }
  /** one client, every update sent at once */
  burst: { perSecond: number; serverUsPerUpdate: number }
  /** many clients at once on one convention */
  concurrent: { perSecond: number; serverUsPerUpdate: number }
}

/** What one commit of the durable log costs on this disk: our store's appendUpdates, one small update each. */
async function commitTimes(seed: Uint8Array, count = 200): Promise<Summary> {
  const dir = mkdtempSync(join(tmpdir(), 'ctg-bench-commit-'))
  const store = new SqliteConventionStore(join(dir, 'ctg.sqlite'))
  try {
    await store.create({
      id: 'c-commit',
      title: 'commit',
      period: { start: 2026, end: 2030 },
      createdBy: 'u',
      state: seed,
    })
    const update = Uint8Array.from([1, 1, 1, 0, 4, 1, 1, 120, 0]) // any bytes: the store does not decode them
    const times: number[] = []
    for (let i = 0; i < count; i++) {
      const t0 = performance.now()
      await store.appendUpdates([{ conventionId: 'c-commit', update, userId: null }])
      times.push(performance.now() - t0)
    }
    return summarize(times)
  } finally {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function connectOne(server: BenchServer, name: string, token: string): Promise<BenchClient> {
  return (await connectClients(server, name, [token]))[0]!
}

/** Sends `count` one-character updates from each client back to back, then waits for every acknowledgement. */
async function sendAll(clients: BenchClient[], count: number, server: BenchServer) {
  const meter = cpuMeter(server.pid)
  const t0 = performance.now()
  for (const [k, client] of clients.entries()) {
    const text = objectiveText(client.doc, k)
    for (let i = 0; i < count; i++) text.insert(text.length, 'x')
  }
  await Promise.all(clients.map((c) => c.acknowledged()))
  const seconds = (performance.now() - t0) / 1000
  const cpu = meter()
  const updates = clients.length * count
  return { perSecond: updates / seconds, serverUsPerUpdate: (cpu.cpuMs * 1000) / updates }
}

async function runVariant(variant: Variant, seed: Uint8Array, o: Options): Promise<VariantResult> {
  const profile = o.profile ? `durability-${variant.kind}` : undefined
  return withServer(
    variant.kind,
    async (server) => {
      await server.seed(seed, ['c-seq', 'c-burst', 'c-conc'])
      const tokens = await server.tokens(o.writers + 2)

      const one = await connectOne(server, 'c-seq', tokens[0]!)
      const text = objectiveText(one.doc, 0)
      const acks: number[] = []
      const t0 = performance.now()
      for (let i = 0; i < o.sequential; i++) {
        const t = performance.now()
        text.insert(text.length, 'x')
        await one.acknowledged()
        acks.push(performance.now() - t)
      }
      const sequential = { perSecond: o.sequential / ((performance.now() - t0) / 1000), ack: summarize(acks) }
      one.destroy()

      // the profile covers the burst and the concurrent writers, where throughput is decided
      if (profile) await server.profileStart()
      const burstClient = await connectOne(server, 'c-burst', tokens[1]!)
      const burst = await sendAll([burstClient], o.burst, server)
      burstClient.destroy()

      const writers = await connectClients(server, 'c-conc', tokens.slice(2))
      const concurrent = await sendAll(writers, o.perWriter, server)
      for (const w of writers) w.destroy()
      if (profile) await server.profileStop(profile)
      return { variant, sequential, burst, concurrent }
    },
    { label: variant.label },
  )
}

function report(results: VariantResult[], commits: Summary, o: Options): string {
  const base = results.find((r) => r.variant.kind === 'ctg')
  const rows = results.map((r) => [
    r.variant.label,
    r.sequential.perSecond.toFixed(0),
    fmtMs(r.sequential.ack.p50),
    fmtMs(r.sequential.ack.p99),
    r.burst.perSecond.toFixed(0),
    r.burst.serverUsPerUpdate.toFixed(0),
    r.concurrent.perSecond.toFixed(0),
    r.concurrent.serverUsPerUpdate.toFixed(0),
  ])
  const ratios = results
    .filter((r) => base && r !== base)
    .map((r) => [
      r.variant.label,
      fmtRatio(base!.sequential.perSecond / r.sequential.perSecond),
      fmtRatio(base!.sequential.ack.p50 / r.sequential.ack.p50),
      fmtRatio(base!.burst.perSecond / r.burst.perSecond),
      fmtRatio(base!.concurrent.perSecond / r.concurrent.perSecond),
    ])
  return [
    '## Durable-store overhead (acknowledged updates per second)',
    '',
    'End to end: a HocuspocusProvider inserts one character per update into a fiche objective of the realistic',
    'convention; an update counts once the server has acknowledged it (SyncStatus, `unsyncedChanges` back to 0).',
    `Sequential: ${o.sequential} updates, each awaited before the next (acknowledgement round trip). Burst: one`,
    `client sends ${o.burst} updates at once. Concurrent: ${o.writers} clients on one convention send ${o.perWriter} each at once.`,
    '',
    table(
      [
        'server',
        'sequential updates/s',
        'ack p50 ms',
        'ack p99 ms',
        'burst updates/s',
        'burst server µs/update',
        'concurrent updates/s',
        'concurrent server µs/update',
      ],
      rows,
    ),
    '',
    'Variants: `DURABLE_ACK=0` still appends every update to the log but acknowledges without waiting for the',
    'commit (the "without" of our server); stock Hocuspocus with `extension-database` stores the whole state after',
    'a 2 s debounce (what most Hocuspocus deployments do); bare Hocuspocus keeps documents in memory only.',
    '',
    `One SQLite commit of the log on this disk (\`appendUpdates\`, one update, WAL, \`synchronous = FULL\`, in the`,
    `benchmark's process): p50 ${fmtMs(commits.p50)} ms, p99 ${fmtMs(commits.p99)} ms, max ${fmtMs(commits.max)} ms. \`node:sqlite\` is`,
    "synchronous: the server's event loop waits for each commit (its fsync included).",
    '',
    '### Our server (durable acknowledgement) relative to each variant',
    '',
    table(['compared with', 'sequential updates/s', 'ack p50', 'burst updates/s', 'concurrent updates/s'], ratios),
  ].join('\n')
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      variants: { type: 'string' },
      sequential: { type: 'string', default: '300' },
      // our server lets one socket send 1,000 messages in a burst (MESSAGE_BURST), then 100 a second
      burst: { type: 'string', default: '900' },
      writers: { type: 'string', default: '20' },
      'per-writer': { type: 'string', default: '200' },
      profile: { type: 'boolean', default: false },
    },
  })
  const o: Options = {
    variants: list(
      values.variants,
      VARIANTS.map((v) => v.kind),
    ),
    sequential: Number(values.sequential),
    burst: Number(values.burst),
    writers: Number(values.writers),
    perWriter: Number(values['per-writer']),
    profile: values.profile,
  }
  const seed = encodeConvention(realisticConvention())
  const commits = await commitTimes(seed)
  console.log(
    `one SQLite commit: p50 ${fmtMs(commits.p50)} ms, p99 ${fmtMs(commits.p99)} ms, max ${fmtMs(commits.max)} ms`,
  )
  const results: VariantResult[] = []
  for (const variant of VARIANTS.filter((v) => o.variants.includes(v.kind))) {
    const r = await runVariant(variant, seed, o)
    console.log(
      `${variant.label.padEnd(52)} sequential ${r.sequential.perSecond.toFixed(0)}/s (ack p50 ${fmtMs(r.sequential.ack.p50)} ms, ` +
        `p99 ${fmtMs(r.sequential.ack.p99)} ms) | burst ${r.burst.perSecond.toFixed(0)}/s | ` +
        `concurrent ${r.concurrent.perSecond.toFixed(0)}/s`,
    )
    results.push(r)
  }
  const profiles = o.profile
    ? results.map((r) => summarizeProfile(`durability-${r.variant.kind}`, r.variant.label))
    : []
  const markdown = [
    report(results, commits, o),
    ...(profiles.length ? ['', '### CPU profiles of the servers', '', ...profiles] : []),
  ]
  writeSection(o.profile ? 'durability-profile' : 'durability', markdown.join('\n'))
}

runIfMain(import.meta.url, main)
