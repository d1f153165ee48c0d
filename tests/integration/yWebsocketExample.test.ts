import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { Convention, FicheActionBlock } from '@ctg/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createConvention } from '../helpers/createConvention.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'

const SCRIPT = fileURLToPath(new URL('../../examples/y-websocket/editFiche.mjs', import.meta.url))

let server: TestServer

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server.stop()
})

/** Runs the example as its README says, in plain Node (no tsx), against the real server. */
function runExample(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [SCRIPT, '--url', `ws://127.0.0.1:${server.port}`, ...args],
      { timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error.code as number) ?? 1) : 0, stdout, stderr }),
    )
  })
}

async function firstFicheTitle(id: string): Promise<string> {
  const response = await server.api(`/api/conventions/${id}/export?format=json`)
  const convention = (await response.json()) as Convention
  return (convention.content.find((c) => c.type === 'ficheAction') as FicheActionBlock).title
}

describe('examples/y-websocket', () => {
  it('edits the title of a fiche of an existing convention and waits until it is stored', async () => {
    const id = await createConvention(server)
    const token = await server.memberToken(id, { id: 'u-script', name: 'Script Yjs' })
    const before = await firstFicheTitle(id)
    const run = await runExample(['--token', token, '--convention', id, '--fiche', '1', '--append', ' (revu)'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`fiche 1: « ${before} (revu) »`)
    expect(run.stdout).toContain('stored by the server')
    expect(await firstFicheTitle(id)).toBe(`${before} (revu)`)
  }, 90_000)

  it('says why when the token is refused, and does not see a lecteur’s edit stored', async () => {
    const id = await createConvention(server)
    const refused = await runExample(['--token', 'not-a-token', '--convention', id])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('401')

    const before = await firstFicheTitle(id)
    const readerToken = await server.memberToken(id, { id: 'u-script-reader', name: 'Lecteur' }, 'reader')
    const reader = await runExample(['--token', readerToken, '--convention', id, '--timeout', '3000'])
    expect(reader.code).toBe(1)
    expect(reader.stderr).toContain('gave up')
    expect(await firstFicheTitle(id)).toBe(before)
  }, 90_000)
})
