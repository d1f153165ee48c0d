import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportConvention } from '../fixtures/exportConvention.js'
import { createConvention } from '../helpers/createConvention.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'

let server: TestServer
let id: string

beforeAll(async () => {
  server = await startTestServer({ env: { CHROMIUM_PATH: '/nonexistent/chromium' } })
  id = await createConvention(server, exportConvention())
})
afterAll(async () => {
  await server?.stop()
})

describe('a server whose CHROMIUM_PATH names no Chromium', () => {
  it('answers 503 pdf_unavailable for a PDF or an archive, and still serves the other formats', async () => {
    expect(server.ctg.config.chromiumPath).toBe('/nonexistent/chromium')
    const pdf = await server.api(`/api/conventions/${id}/export?format=pdf`)
    expect(pdf.status).toBe(503)
    expect(((await pdf.json()) as { error: { code: string } }).error.code).toBe('pdf_unavailable')
    for (const format of ['json', 'docx', 'odt', 'html', 'md']) {
      const response = await server.api(`/api/conventions/${id}/export?format=${format}`)
      expect(response.status, format).toBe(200)
    }
    const adopted = await server.api(`/api/conventions/${id}/status`, {
      method: 'POST',
      body: JSON.stringify({ status: 'adopted' }),
    })
    expect(adopted.status).toBe(200)
    const archive = await server.api(`/api/conventions/${id}/archive`)
    expect(archive.status).toBe(503)
    expect(((await archive.json()) as { error: { code: string } }).error.code).toBe('pdf_unavailable')
    // asked again, the same answer (the worker is not left broken)
    const again = await server.api(`/api/conventions/${id}/export?format=pdf`)
    expect(again.status).toBe(503)
  }, 60_000)
})
