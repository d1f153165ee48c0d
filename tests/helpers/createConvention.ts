import { smallConvention } from '../fixtures/conventionFixtures.js'
import type { TestServer } from './startTestServer.js'

/** Imports the small fixture convention and returns its id. */
export async function createConvention(server: TestServer): Promise<string> {
  const created = await server.api('/api/conventions', {
    method: 'POST',
    body: JSON.stringify({ convention: smallConvention() }),
  })
  return ((await created.json()) as { id: string }).id
}
