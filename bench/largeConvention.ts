import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { readMeta, yDocToConvention } from '@ctg/shared'
import { checkConvention, DocumentLog, SqliteConventionStore, Y_DOC_OPTIONS } from '@ctg/server'
import * as Y from 'yjs'
import { runIfMain } from './lib/cli.js'
import { connectClient } from './lib/connectClient.js'
import { summarizeProfile } from './lib/cpuProfile.js'
import { bigConvention, CHARACTERS_PER_PAGE, encodeConvention, textLength } from './lib/conventions.js'
import { fmtBytes, fmtMs } from './lib/format.js'
import { rssBytes } from './lib/procStats.js'
import { table, writeSection } from './lib/results.js'
import { withServer, type BenchServer, type ServerKind } from './lib/startServer.js'
import { median, summarize } from './lib/stats.js'
import { waitUntil } from './lib/time.js'
import { objectiveText } from './lib/typing.js'

/**
 * A large convention (80 fiches actions, 10 indicator tables, 20 signatories): its size, how
 * long it takes to load and to export, and how much memory a loaded copy holds on the server.
 */

/** Keystrokes left in the log uncompacted: 20 s of a plenary (compaction runs every 10 s at most), or what a crash leaves. */
const LOGGED_UPDATES = 1000

interface Options {
  copies: number
  repetitions: number
  profile: boolean
}

/** Median time of `fn` over `n` runs (after one warm-up run), in ms. */
async function time(n: number, fn: () => unknown): Promise<number> {
  await fn()
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    await fn()
    times.push(performance.now() - t0)
  }
  return median(times)
}

/** `count` one-character updates typed into the document, as clients' keystrokes reach the log. */
function keystrokes(state: Uint8Array, count: number): Uint8Array[] {
  const doc = new Y.Doc(Y_DOC_OPTIONS)
  Y.applyUpdate(doc, state)
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  const text = objectiveText(doc, 0)
  for (let i = 0; i < count; i++) text.insert(text.length, 'x')
  doc.destroy()
  return updates
}

/** The same operations the server runs, timed in this process (no network, no other work). */
async function inProcess(state: Uint8Array, n: number): Promise<(string | number)[][]> {
  const loaded = new Y.Doc(Y_DOC_OPTIONS)
  Y.applyUpdate(loaded, state)
  const dir = mkdtempSync(join(tmpdir(), 'ctg-bench-store-'))
  const store = new SqliteConventionStore(join(dir, 'ctg.sqlite'))
  const log = new DocumentLog(store, { info: () => {}, warn: console.warn, error: console.error })
  const { title, period } = readMeta(loaded)
  const ms = async (fn: () => unknown) => fmtMs(await time(n, fn))
  try {
    await store.create({ id: 'c-big', title, period, createdBy: 'u-bench', state })
    await store.create({ id: 'c-big-logged', title, period, createdBy: 'u-bench', state })
    const logged = keystrokes(state, LOGGED_UPDATES)
    await store.appendUpdates(logged.map((update) => ({ conventionId: 'c-big-logged', update, userId: null })))
    return [
      ['SQLite read of snapshot and log (`store.readDocument`)', await ms(() => store.readDocument('c-big'))],
      ['load from storage (`DocumentLog.load`: read + merge)', await ms(() => log.load('c-big'))],
      [
        `load with ${LOGGED_UPDATES} keystrokes in the log, not compacted yet`,
        await ms(() => log.load('c-big-logged')),
      ],
      [
        'Y.Doc from the state (`Y.applyUpdate`)',
        await ms(() => {
          const doc = new Y.Doc(Y_DOC_OPTIONS)
          Y.applyUpdate(doc, state)
          doc.destroy()
        }),
      ],
      [
        'schema check after load and after each compaction (`checkConvention`)',
        await ms(() => checkConvention(loaded)),
      ],
      ['JSON export (`yDocToConvention`)', await ms(() => yDocToConvention(loaded))],
      ['whole-state encoding (`Y.encodeStateAsUpdate`)', await ms(() => Y.encodeStateAsUpdate(loaded))],
    ]
  } finally {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Client's first sync of a convention nobody has open: storage → Y.Doc in Hocuspocus (+ hooks) → sync. */
async function firstSyncs(server: BenchServer, names: string[], token: string) {
  const cold: number[] = []
  for (const name of names) {
    // the previous copy's unload (store, schema check) must not overlap this load
    await waitUntil(async () => (await server.documents()) === 0, 'documents to unload')
    const t0 = performance.now()
    const client = await connectClient(server, name, token, 0)
    cold.push(performance.now() - t0)
    client.destroy()
  }
  // a second client of an already loaded convention: the sync alone
  const first = await connectClient(server, names[0]!, token, 0)
  const warm: number[] = []
  for (let i = 0; i < names.length; i++) {
    const t0 = performance.now()
    const client = await connectClient(server, names[0]!, token, i + 1)
    warm.push(performance.now() - t0)
    client.destroy()
  }
  first.destroy()
  await waitUntil(async () => (await server.documents()) === 0, 'documents to unload')
  return { cold: summarize(cold), warm: summarize(warm) }
}

/** Heap and RSS of the server before and after loading `names` without any connection. */
async function memoryPerDocument(server: BenchServer, names: string[]) {
  const heap0 = await server.heap()
  const rss0 = rssBytes(server.pid)
  const loadTimes = await server.open(names)
  const heap1 = await server.heap()
  const rss1 = rssBytes(server.pid)
  return {
    loadTimes: summarize(loadTimes),
    heapPerDoc: (heap1.heapUsed - heap0.heapUsed) / names.length,
    rssPerDoc: (rss1 - rss0) / names.length,
  }
}

async function httpExports(server: BenchServer, id: string, token: string, n: number) {
  const times: number[] = []
  let bytes = 0
  for (let i = 0; i < n + 1; i++) {
    const t0 = performance.now()
    const response = await fetch(`${server.httpUrl}/api/conventions/${id}/export?format=json`, {
      headers: { Authorization: `Bearer ${token}` },
    })
    const body = await response.arrayBuffer()
    if (!response.ok) throw new Error(`export answered ${response.status}`)
    bytes = body.byteLength
    if (i > 0) times.push(performance.now() - t0)
  }
  return { time: summarize(times), bytes }
}

async function onServer(kind: ServerKind, state: Uint8Array, o: Options) {
  return withServer(kind, async (server) => {
    const names = Array.from({ length: o.copies }, (_, i) => `c-big-${i + 1}`)
    await server.seed(state, names)
    const token = (await server.tokens(1))[0]!
    // the profile covers the first syncs: loading from storage and the load hooks
    if (o.profile) await server.profileStart()
    const syncs = await firstSyncs(server, names, token)
    if (o.profile) await server.profileStop(`large-${kind}`)
    const memory = await memoryPerDocument(server, names)
    const live = kind === 'ctg' ? await httpExports(server, names[0]!, token, o.repetitions) : undefined
    await server.close()
    await waitUntil(async () => (await server.documents()) === 0, 'documents to unload')
    const stored = kind === 'ctg' ? await httpExports(server, names[0]!, token, o.repetitions) : undefined
    return { label: server.label, syncs, memory, live, stored }
  })
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      copies: { type: 'string', default: '20' },
      repetitions: { type: 'string', default: '20' },
      profile: { type: 'boolean', default: false },
    },
  })
  const o: Options = { copies: Number(values.copies), repetitions: Number(values.repetitions), profile: values.profile }
  const convention = bigConvention()
  const state = encodeConvention(convention)
  const issues = (() => {
    const doc = new Y.Doc(Y_DOC_OPTIONS)
    Y.applyUpdate(doc, state)
    return checkConvention(doc)
  })()
  if (issues.length > 0) throw new Error(`the large convention fails the schema check: ${JSON.stringify(issues[0])}`)
  const count = (type: string) => convention.content.filter((b) => b.type === type).length
  const signatories = convention.content.flatMap((b) => (b.type === 'signatoryBlock' ? b.signatories : [])).length
  const characters = textLength(convention)
  const json = JSON.stringify(convention)

  const sizeRows = [
    [
      'fiches actions / indicator tables / signatories',
      `${count('ficheAction')} / ${count('indicatorTable')} / ${signatories}`,
    ],
    [
      'text',
      `${characters.toLocaleString('en')} characters ≈ ${(characters / CHARACTERS_PER_PAGE).toFixed(0)} pages of running text (${CHARACTERS_PER_PAGE} characters a page; more once laid out with tables)`,
    ],
    ['Yjs state (one update, as stored)', `${state.length.toLocaleString('en')} bytes (${fmtBytes(state.length)})`],
    ['JSON export', `${json.length.toLocaleString('en')} bytes (${fmtBytes(json.length)})`],
  ]
  console.log(sizeRows.map((r) => r.join(': ')).join('\n'))
  const timings = await inProcess(state, o.repetitions)
  console.log(timings.map((r) => r.join(': ')).join('\n'))

  const servers = []
  for (const kind of ['ctg', 'hocuspocus'] as ServerKind[]) {
    const r = await onServer(kind, state, o)
    console.log(
      `${r.label}: first sync p50 ${fmtMs(r.syncs.cold.p50)} ms (already loaded: ${fmtMs(r.syncs.warm.p50)} ms), ` +
        `heap/doc ${fmtBytes(r.memory.heapPerDoc)}, RSS/doc ${fmtBytes(r.memory.rssPerDoc)}` +
        (r.live ? `, HTTP export p50 ${fmtMs(r.live.time.p50)} ms live / ${fmtMs(r.stored!.time.p50)} ms stored` : ''),
    )
    servers.push(r)
  }

  const serverRows = servers.flatMap((r) => [
    [
      r.label,
      'first sync, convention not loaded (p50 / max)',
      `${fmtMs(r.syncs.cold.p50)} / ${fmtMs(r.syncs.cold.max)} ms`,
    ],
    [
      r.label,
      'sync of a second client, convention loaded (p50 / max)',
      `${fmtMs(r.syncs.warm.p50)} / ${fmtMs(r.syncs.warm.max)} ms`,
    ],
    [r.label, 'load without a connection (openDirectConnection, p50)', `${fmtMs(r.memory.loadTimes.p50)} ms`],
    [r.label, `heap per loaded document (delta over ${o.copies} copies, after gc)`, fmtBytes(r.memory.heapPerDoc)],
    [r.label, 'RSS per loaded document', fmtBytes(r.memory.rssPerDoc)],
    ...(r.live && r.stored
      ? [
          [
            r.label,
            'GET …/export?format=json, convention open (p50 / p99)',
            `${fmtMs(r.live.time.p50)} / ${fmtMs(r.live.time.p99)} ms`,
          ],
          [
            r.label,
            'GET …/export?format=json, from storage (p50 / p99)',
            `${fmtMs(r.stored.time.p50)} / ${fmtMs(r.stored.time.p99)} ms`,
          ],
        ]
      : []),
  ])
  const profiles = o.profile
    ? servers.map((r, i) => summarizeProfile(`large-${['ctg', 'hocuspocus'][i]}`, r.label))
    : []
  writeSection(
    o.profile ? 'large-convention-profile' : 'large-convention',
    [
      '## A large convention',
      '',
      "Generated from the realistic convention's blocks with fresh ids (`bench/lib/conventions.ts`); it passes the schema check.",
      '',
      table(['', ''], sizeRows),
      '',
      `### In one process (median of ${o.repetitions})`,
      '',
      table(['operation', 'ms'], timings),
      '',
      '### On the server (its own process; bare Hocuspocus for comparison)',
      '',
      table(['server', 'measure', 'value'], serverRows),
      ...(profiles.length ? ['', '### CPU profiles of the servers (self time)', '', ...profiles] : []),
    ].join('\n'),
  )
}

runIfMain(import.meta.url, main)
