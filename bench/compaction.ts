import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import {
  mergeStoredDocument,
  PostgresConventionStore,
  SqliteConventionStore,
  Y_DOC_OPTIONS,
  type ConventionStore,
} from '@ctg/server'
import pg from 'pg'
import * as Y from 'yjs'
import { runIfMain } from './lib/cli.js'
import { bigConvention, encodeConvention } from './lib/conventions.js'
import { watchEventLoop, type EventLoopStats } from './lib/eventLoop.js'
import { fmtMs } from './lib/format.js'
import { table, writeSection } from './lib/results.js'
import { objectiveText } from './lib/typing.js'

/**
 * The event loop while a large convention is compacted: the server folds the log into the
 * snapshot (`Y.mergeUpdates`) every so often, and while it does, on the main thread, no other
 * document's edit is applied or sent. For each engine, in the same process: the fold as it was
 * done on PostgreSQL before (read, then merge on the main thread), then `store.compact()` as it
 * is now (SQLite: the writer thread; PostgreSQL: the merge worker). Figures: how late a 5 ms
 * timer fired during each (event-loop delay, `monitorEventLoopDelay`), and how long each took.
 */

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

interface Options {
  updates: number
}

/** The convention's state, and `n` keystrokes typed after it, one update each (the log a plenary leaves). */
function largeLog(n: number): { state: Uint8Array; updates: Uint8Array[] } {
  const state = encodeConvention(bigConvention())
  const doc = new Y.Doc(Y_DOC_OPTIONS)
  Y.applyUpdate(doc, state)
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  for (let i = 0; i < n; i++) {
    const text = objectiveText(doc, i)
    text.insert(text.length, 'abcdefghij'[i % 10]!)
  }
  doc.destroy()
  return { state, updates }
}

interface Measured {
  ms: number
  loop: EventLoopStats
}

async function measure(fn: () => Promise<unknown>): Promise<Measured> {
  const stop = watchEventLoop()
  // let the monitor's timer fire once first: a stall before its first sample is not recorded
  await new Promise((resolve) => setTimeout(resolve, 20))
  const t0 = performance.now()
  await fn()
  const ms = performance.now() - t0
  // one more turn, so that a stall at the very end shows in the histogram
  await new Promise((resolve) => setTimeout(resolve, 20))
  return { ms, loop: stop() }
}

async function runOn(engine: string, store: ConventionStore, log: ReturnType<typeof largeLog>) {
  const id = `c-compaction-${engine}`
  await store.create({
    id,
    title: 'Grande convention',
    period: { start: 2026, end: 2030 },
    createdBy: 'u-bench',
    state: log.state,
  })
  for (let i = 0; i < log.updates.length; i += 500)
    await store.appendUpdates(
      log.updates.slice(i, i + 500).map((update) => ({ conventionId: id, update, userId: 'u-bench' })),
    )
  // before: what PostgreSQL's compaction did on the main thread (without its writes)
  const before = await measure(async () => mergeStoredDocument((await store.readDocument(id))!))
  const after = await measure(() =>
    store.compact(id, { title: 'Grande convention', period: { start: 2026, end: 2030 } }),
  )
  const stored = (await store.readDocument(id))!
  if (stored.updates.length !== 0) throw new Error(`${engine}: the log was not folded`)
  return { before, after }
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { updates: { type: 'string', default: '5000' } } })
  const options: Options = { updates: Number(values.updates) }
  const log = largeLog(options.updates)
  const bytes = log.state.byteLength + log.updates.reduce((sum, u) => sum + u.byteLength, 0)
  console.log(
    `large convention: ${(log.state.byteLength / 1024).toFixed(0)} KB of state, ${options.updates} logged updates`,
  )

  const rows: (string | number)[][] = []
  const report = (engine: string, { before, after }: { before: Measured; after: Measured }) => {
    rows.push([
      engine,
      `${fmtMs(before.ms)} / ${fmtMs(after.ms)}`,
      `${fmtMs(before.loop.delayMax)} / ${fmtMs(after.loop.delayMax)}`,
      `${fmtMs(before.loop.delayP99)} / ${fmtMs(after.loop.delayP99)}`,
      `${(after.loop.delayMax / before.loop.delayMax).toFixed(2)}×`,
    ])
    console.log(rows.at(-1)!.join(' | '))
  }

  const dir = mkdtempSync(join(tmpdir(), 'ctg-bench-compaction-'))
  const sqlite = new SqliteConventionStore(join(dir, 'ctg.sqlite'))
  try {
    report('SQLite', await runOn('sqlite', sqlite, log))
  } finally {
    await sqlite.close()
    rmSync(dir, { recursive: true, force: true })
  }

  const name = `ctg_bench_${process.pid}`
  const admin = new pg.Client({ connectionString: ADMIN_URL })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  const url = new URL(ADMIN_URL)
  url.pathname = `/${name}`
  const postgres = await PostgresConventionStore.open(url.toString())
  try {
    report('PostgreSQL', await runOn('postgres', postgres, log))
  } finally {
    await postgres.close()
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.end()
  }

  writeSection(
    'compaction',
    [
      '## Compaction of a large convention: the event loop',
      '',
      `80 fiches, 10 tables, 20 signatories (${(log.state.byteLength / 1024).toFixed(0)} KB) and ${options.updates} logged keystrokes (${(bytes / 1024).toFixed(0)} KB in all).`,
      'Each cell: main-thread fold (before) / `store.compact()` (now). Event-loop delay: how late a 5 ms timer fired.',
      '',
      table(['engine', 'duration', 'event-loop delay, max', 'event-loop delay, p99', 'max delay now / before'], rows),
    ].join('\n'),
  )
}

runIfMain(import.meta.url, main)
