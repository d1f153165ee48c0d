import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { exportConvention } from '../fixtures/exportConvention.js'
import { createConvention } from '../helpers/createConvention.js'
import { expectListsInOrder, pdfText } from '../helpers/exportReaders.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'

const OUTPUT = join(import.meta.dirname, '..', 'output', 'libreoffice')
const run = promisify(execFile)

let server: TestServer
let profile: string
beforeAll(async () => {
  rmSync(OUTPUT, { recursive: true, force: true })
  mkdirSync(OUTPUT, { recursive: true })
  // its own LibreOffice profile: concurrent soffice runs sharing one fail silently
  profile = mkdtempSync(join(tmpdir(), 'ctg-soffice-'))
  server = await startTestServer()
})
afterAll(async () => {
  await server?.stop()
  rmSync(profile, { recursive: true, force: true })
})

it('LibreOffice (headless) opens the DOCX and the ODT and prints every fiche, key action and signatory', async () => {
  const id = await createConvention(server, exportConvention())
  for (const format of ['docx', 'odt']) {
    const response = await server.api(`/api/conventions/${id}/export?format=${format}`)
    expect(response.status).toBe(200)
    writeFileSync(join(OUTPUT, `convention-${format}.${format}`), new Uint8Array(await response.arrayBuffer()))
  }
  // one soffice run converts both files; a file it cannot open leaves no PDF
  const { stderr } = await run(
    'soffice',
    [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless',
      '--norestore',
      '--convert-to',
      'pdf',
      '--outdir',
      OUTPUT,
      join(OUTPUT, 'convention-docx.docx'),
      join(OUTPUT, 'convention-odt.odt'),
    ],
    { timeout: 170_000 },
  )
  // (LibreOffice warns that it has no Java: not an error for documents)
  expect(stderr.replace(/^Warning: failed to launch javaldx.*$/gm, '')).not.toMatch(/error|failed/i)
  for (const format of ['docx', 'odt']) {
    const pdf = join(OUTPUT, `convention-${format}.pdf`)
    expect(existsSync(pdf), `${format} converted`).toBe(true)
    expectListsInOrder(await pdfText(pdf), exportConvention(), `${format} through LibreOffice`)
  }
}, 180_000)
