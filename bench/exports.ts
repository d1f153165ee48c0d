import { EXPORT_FORMATS } from '@ctg/shared'
import { PdfPrinter, renderFormat } from '@ctg/server'
import { runIfMain } from './lib/cli.js'
import { startInProcessServer } from './lib/inProcessServer.js'
import { bigConvention } from './lib/conventions.js'
import { watchEventLoop } from './lib/eventLoop.js'
import { fmtBytes, fmtMs, fmtRatio } from './lib/format.js'
import { table, writeSection } from './lib/results.js'
import { median } from './lib/stats.js'

/**
 * Exports of the 80-fiche convention in every format and its archive, over HTTP on a real
 * server in this process (SQLite): the time of each, and this process's event-loop delay
 * meanwhile (the collaboration server's: the documents are made in the export worker).
 * Baseline: the same export made on the main thread (the structured export assembled from the
 * document and the stores, then rendered), which is what would block: its time and its stall.
 */

const RUNS = 3
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const GOAL_MS = 3000
const LOOP_GOAL_MS = 50

export async function main(_argv: string[] = []): Promise<void> {
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
    // warm up: the document loaded, the worker and Chromium started
    await request(`${c}/export?format=pdf`)

    const measure = async (fn: () => Promise<Uint8Array>) => {
      const times: number[] = []
      let size = 0
      const stop = watchEventLoop()
      // the histogram records the time between two of its ticks: a stall before its first tick would go unseen
      await sleep(20)
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now()
        size = (await fn()).length
        times.push(performance.now() - t0)
      }
      // a stall is recorded when the late timer fires: give it a turn before reading
      await sleep(20)
      return { ms: median(times), size, loop: stop() }
    }
    const options = { date: new Date().toISOString(), documentId: 'bench' }
    const rows: (string | number)[][] = []
    // the same watch with no export at all: the stalls the machine itself causes (another process's load)
    const idle = await measure(async () => {
      await sleep(1000)
      return new Uint8Array()
    })
    rows.push([
      '(no export, 1 s idle)',
      '',
      '',
      '',
      fmtMs(idle.loop.delayMax),
      '',
      fmtMs(idle.loop.delayP99),
      '',
      '',
      '',
    ])
    for (const format of EXPORT_FORMATS) {
      const served = await measure(() => request(`${c}/export?format=${format}`))
      const inline = await measure(async () => {
        const exported = await server.ctg.conventions.export(id)
        return renderFormat(format, exported!, options, printer)
      })
      rows.push([
        format,
        fmtBytes(served.size),
        fmtMs(served.ms),
        served.ms < GOAL_MS ? 'yes' : 'NO',
        fmtMs(served.loop.delayMax),
        served.loop.delayMax < LOOP_GOAL_MS ? 'yes' : 'NO',
        fmtMs(served.loop.delayP99),
        fmtMs(inline.ms),
        fmtMs(inline.loop.delayMax),
        fmtRatio(served.ms / Math.max(inline.ms, 0.01)),
      ])
      console.log(rows.at(-1)!.join(' | '))
    }
    await request(`${c}/status`, { method: 'POST', body: JSON.stringify({ status: 'adopted' }) })
    const archive = await measure(() => request(`${c}/archive`))
    rows.push([
      'archive (ZIP: JSON, schema, PDF, ODT…)',
      fmtBytes(archive.size),
      fmtMs(archive.ms),
      archive.ms < GOAL_MS ? 'yes' : 'NO',
      fmtMs(archive.loop.delayMax),
      archive.loop.delayMax < LOOP_GOAL_MS ? 'yes' : 'NO',
      fmtMs(archive.loop.delayP99),
      '',
      '',
      '',
    ])
    const markdown = [
      '## Exports (80 fiches, 10 tables, 20 signatories; SQLite)',
      '',
      `Median of ${RUNS} runs of \`GET …/export?format=\` (and \`GET …/archive\` once adopted) over HTTP on a`,
      'server in this process; "loop delay" is the worst event-loop delay of this process during those runs',
      '(the collaboration server: documents are made in the export worker thread, PDF by Chromium).',
      'Baseline: the same export made on the main thread (`conventions.export` then `renderFormat`, in process), the',
      'time and the stall an export would cost every editor without the worker. Goals: under',
      `${GOAL_MS} ms, loop delay under ${LOOP_GOAL_MS} ms. On a machine`,
      'whose other processes keep both cores busy, the loop delay includes time the process was not scheduled at all:',
      'the first row is the same watch over idle seconds, the stalls the machine causes by itself.',
      '',
      table(
        [
          'format',
          'size',
          'ms (HTTP)',
          `< ${GOAL_MS} ms`,
          'loop delay max, ms',
          `< ${LOOP_GOAL_MS} ms`,
          'loop delay p99, ms',
          'main thread: ms',
          'main thread: loop delay max, ms',
          'HTTP vs main thread',
        ],
        rows,
      ),
    ].join('\n')
    console.log(markdown)
    writeSection('exports', markdown)
  } finally {
    await printer.close()
    await server.stop()
  }
}

runIfMain(import.meta.url, main)
