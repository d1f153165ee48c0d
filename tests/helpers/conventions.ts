import type { Convention } from '@ctg/shared'
import type { TestServer } from './startTestServer.js'

/** Creates a convention through the API: `convention` imported, or the national template. */
export async function createConvention(server: TestServer, convention?: Convention): Promise<string> {
  const body = convention
    ? { convention }
    : { title: 'CTG Vallée de la Blanche 2026-2030', template: 'national', period: { start: 2026, end: 2030 } }
  const response = await server.api('/api/conventions', { method: 'POST', body: JSON.stringify(body) })
  if (response.status !== 201) throw new Error(`creating a convention answered ${response.status}`)
  return ((await response.json()) as { id: string }).id
}
