import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportConvention } from '../fixtures/exportConvention.js'
import { createConvention } from '../helpers/createConvention.js'
import { descendantThreads } from '../helpers/descendantThreads.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'

let server: TestServer
let id: string

beforeAll(async () => {
  server = await startTestServer()
  id = await createConvention(server, exportConvention())
})
afterAll(async () => {
  await server?.stop()
})

/** The export process's id (its threads are named `ctg-export`), if one runs under this server. */
function exportProcessId(): number | undefined {
  return descendantThreads().find((thread) => thread.name === 'ctg-export')?.pid
}

/** Whether a process still runs (a zombie waiting to be reaped has ended). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
  } catch {
    return false
  }
}

async function pdf(): Promise<Response> {
  return server.api(`/api/conventions/${id}/export?format=pdf`)
}

describe('the export process, killed', () => {
  it('while it makes a document: that export answers 503 export_failed, the next one is made by a new process', async () => {
    // the first export starts the process (it loads its modules, then Chromium: seconds)
    const pending = pdf()
    await expect.poll(exportProcessId).toBeDefined()
    const killed = exportProcessId()!
    process.kill(killed, 'SIGKILL')
    const failed = await pending
    expect(failed.status).toBe(503)
    expect(((await failed.json()) as { error: { code: string } }).error.code).toBe('export_failed')

    const again = await pdf()
    expect(again.status).toBe(200)
    expect(new TextDecoder().decode((await again.arrayBuffer()).slice(0, 5))).toBe('%PDF-')
    const next = exportProcessId()
    expect(next).toBeDefined()
    expect(next).not.toBe(killed)
  }, 120_000)

  it('while idle with its Chromium: the Chromium goes too, and the next export starts both again', async () => {
    expect((await pdf()).status).toBe(200)
    const exporter = exportProcessId()!
    const chromium = [
      ...new Set(
        descendantThreads(exporter)
          .filter((thread) => thread.name.startsWith('chrom'))
          .map((thread) => thread.pid),
      ),
    ]
    expect(chromium.length).toBeGreaterThan(0)
    process.kill(exporter, 'SIGKILL')
    // Chromium quits when the pipe Playwright drove it through closes: none is left behind
    await expect.poll(() => chromium.filter(running), { timeout: 30_000 }).toEqual([])

    const response = await server.api(`/api/conventions/${id}/export?format=docx`)
    expect(response.status).toBe(200)
    expect((await pdf()).status).toBe(200)
    expect(exportProcessId()).not.toBe(exporter)
  }, 120_000)
})
