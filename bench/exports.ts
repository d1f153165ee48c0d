import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { EXPORT_FORMATS, isExportFormat } from '@ctg/shared'
import { PdfPrinter, renderFormat } from '@ctg/server'
import { runIfMain } from './lib/cli.js'
import { startInProcessServer } from './lib/inProcessServer.js'
import { bigConvention } from './lib/conventions.js'
import { watchEventLoop } from './lib/eventLoop.js'
import { fmtBytes, fmtMs, fmtRatio } from './lib/format.js'
import { table, writeSection } from './lib/results.js'
import { median } from './lib/stats.js'
import { schedstat, threadCpu, traceStalls } from './lib/stallTrace.js'

/**
 * Exports of the 80-fiche convention in every format and its archive, over HTTP on a real
 * server in this process (SQLite): the time of each, and this process's event-loop delay
 * meanwhile (the collaboration server's: the documents are made in the export process).
 * Baseline: the same export made on the main thread (the structured export assembled from the
 * document and the stores, then rendered), which is what would block: its time and its stall.
 */

const RUNS = 3
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const GOAL_MS = 3000
const LOOP_GOAL_MS = 50

export async function main(argv: string[] = []): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      // a subset of the formats (archive included as "archive"); the section is not written then
      formats: { type: 'string' },
      // lists every late tick of the main thread with what it did meanwhile (bench/lib/stallTrace.ts)
      trace: { type: 'boolean', default: false },
      // skip the main-thread baselines (their garbage and their own stalls stay out of the run)
      'no-baseline': { type: 'boolean', default: false },
    },
  })
  const only = values.formats?.split(',')
  const formats = only ? EXPORT_FORMATS.filter((f) => only.includes(f)) : EXPORT_FORMATS
  const withArchive = !only || only.includes('archive')
  if (only?.some((f) => f !== 'archive' && !isExportFormat(f))) throw new Error(`unknown format in ${values.formats}`)
  const tracer = values.trace ? traceStalls() : undefined
  const loadAtStart = loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ')
  const server = await startInProcessServer('exports')
  const { token, http } = server
  const request = async (path: string, init: RequestInit = {}) => {
    const send = () =>
      fetch(http + path, { ...init, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } })
    // a kept-alive socket the server closed while the main-thread baseline blocked: ask again once
    const response = await send().catch(send)
    const bytes = new Uint8Array(await response.arrayBuffer())
    if (!response.ok) throw new Error(`${path}: ${response.status} ${new TextDecoder().decode(bytes)}`)
    return bytes
  }
  const printer = new PdfPrinter(server.ctg.config.chromiumPath)
  try {
    const convention = bigConvention()
    const { id } = JSON.parse(
      new TextDecoder().decode(
        await request('/api/conventions', { method: 'POST', body: JSON.stringify({ convention }) }),
      ),
    ) as { id: string }
    const c = `/api/conventions/${id}`
    // warm up: the document loaded, the export process and Chromium started
    await request(`${c}/export?format=pdf`)

    const measure = async (label: string, fn: () => Promise<Uint8Array>) => {
      const times: number[] = []
      let size = 0
      const stop = watchEventLoop()
      // the histogram records the time between two of its ticks: a stall before its first tick would go unseen
      await sleep(20)
      const t0 = performance.now()
      const [ran0, waited0] = schedstat()
      const threads0 = tracer ? threadCpu() : undefined
      for (let i = 0; i < RUNS; i++) {
        tracer?.mark(`${label} #${i + 1}`)
        const t1 = performance.now()
        size = (await fn()).length
        times.push(performance.now() - t1)
      }
      const [ran1, waited1] = schedstat()
      if (threads0) {
        // which of this process's threads used the cores meanwhile (the main thread, workers, V8's and libuv's pools)
        const used = [...threadCpu()]
          .map(([tid, t]) => ({ tid, ...t, ms: t.ms - (threads0.get(tid)?.ms ?? 0) }))
          .filter((t) => t.ms > 0)
          .map((t) => `${t.name}#${t.tid} (nice ${t.nice}) ${t.ms} ms`)
        console.log(`${label}: CPU by thread over ${RUNS} runs: ${used.join(', ')}`)
      }
      const window = performance.now() - t0
      // a stall is recorded when the late timer fires: give it a turn before reading
      await sleep(20)
      tracer?.mark('between measures')
      return {
        ms: median(times),
        size,
        window,
        loop: stop(),
        /** the main thread's CPU per run, ms */
        cpu: (ran1 - ran0) / 1e6 / RUNS,
        /** share of the window the main thread was runnable but had no core */
        waiting: (waited1 - waited0) / 1e6 / window,
      }
    }
    /**
     * The same watch over as long a time with no export, right after: the stalls another
     * process's load causes by itself (the machine is shared), to compare the export's with.
     */
    const quiet = (label: string, ms: number) =>
      measure(`${label}, no export`, async () => {
        await sleep(ms / RUNS)
        return new Uint8Array()
      })
    const options = { date: new Date().toISOString(), documentId: 'bench' }
    const rows: (string | number)[][] = []
    const row = (
      name: string,
      served: Awaited<ReturnType<typeof measure>>,
      idle: Awaited<ReturnType<typeof measure>>,
      inline?: Awaited<ReturnType<typeof measure>>,
    ) => {
      rows.push([
        name,
        fmtBytes(served.size),
        fmtMs(served.ms),
        served.ms < GOAL_MS ? 'yes' : 'NO',
        `${fmtMs(served.loop.delayMax)} / ${fmtMs(served.loop.delayP99)}`,
        served.loop.delayMax < LOOP_GOAL_MS ? 'yes' : 'NO',
        `${fmtMs(idle.loop.delayMax)} / ${fmtMs(idle.loop.delayP99)}`,
        `${fmtMs(served.cpu)} / ${fmtMs(idle.cpu)}`,
        `${(100 * served.waiting).toFixed(1)} / ${(100 * idle.waiting).toFixed(1)} %`,
        inline ? fmtMs(inline.ms) : '',
        inline ? fmtMs(inline.loop.delayMax) : '',
        inline ? fmtRatio(served.ms / Math.max(inline.ms, 0.01)) : '',
      ])
      console.log(rows.at(-1)!.join(' | '))
    }
    for (const format of formats) {
      const served = await measure(format, () => request(`${c}/export?format=${format}`))
      const idle = await quiet(format, served.window)
      const inline = values['no-baseline']
        ? undefined
        : await measure(`${format} on the main thread`, async () => {
            const exported = await server.ctg.conventions.export(id)
            return renderFormat(format, exported!, options, printer)
          })
      row(format, served, idle, inline)
    }
    if (withArchive) {
      await request(`${c}/status`, { method: 'POST', body: JSON.stringify({ status: 'adopted' }) })
      const archive = await measure('archive', () => request(`${c}/archive`))
      row('archive (ZIP: JSON, schema, PDF, ODT…)', archive, await quiet('archive', archive.window))
    }
    if (tracer) {
      console.log('late ticks of the main thread (ms): late | on a core | waiting for one | GC | during')
      for (const s of tracer.stop())
        console.log(
          [(s.at / 1000).toFixed(3), fmtMs(s.late), fmtMs(s.ran), fmtMs(s.waited), fmtMs(s.gc), s.during].join(' | '),
        )
    }
    const markdown = [
      '## Exports (80 fiches, 10 tables, 20 signatories; SQLite)',
      '',
      `Median of ${RUNS} runs of \`GET …/export?format=\` (and \`GET …/archive\` once adopted) over HTTP on a`,
      'server in this process; "loop delay" is the event-loop delay of this process during those runs (max / p99):',
      "the collaboration server's (documents are made in the export process, PDF by Chromium). On a machine",
      'whose other processes keep the cores busy, the loop delay includes time the process was not scheduled at',
      'all: right after each export, the same watch runs as long with no export ("no export"), the stalls the',
      'machine causes by itself. "Main thread CPU" is the server thread\'s own time on a core per export',
      '(schedstat), and over as long a time without one (its timers, this watch); "waiting for a core" the share',
      'of the window it was runnable but not running.',
      'Baseline: the same export made on the main thread (`conventions.export` then `renderFormat`, in process),',
      `the time and the stall an export would cost every editor without the export process. Goals: under ${GOAL_MS} ms,`,
      `loop delay under ${LOOP_GOAL_MS} ms.`,
      '',
      table(
        [
          'format',
          'size',
          'ms (HTTP)',
          `< ${GOAL_MS} ms`,
          'loop delay max / p99, ms',
          `< ${LOOP_GOAL_MS} ms`,
          'no export: max / p99, ms',
          'main thread CPU, ms: export / no export',
          'waiting for a core: export / no export',
          'made on the main thread: ms',
          'made on the main thread: loop delay max, ms',
          'HTTP vs main thread',
        ],
        rows,
      ),
      '',
      `_Load average (1/5/15 min) at the start: ${loadAtStart}._`,
    ].join('\n')
    console.log(markdown)
    if (!only && !values['no-baseline']) writeSection('exports', markdown)
  } finally {
    await printer.close()
    await server.stop()
  }
}

runIfMain(import.meta.url, main)
