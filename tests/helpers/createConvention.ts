import type { Convention } from '@ctg/shared'
import { smallConvention } from '../fixtures/conventionFixtures.js'
import type { TestServer } from './startTestServer.js'

/** Imports a convention (the small fixture unless told) and returns its id. */
export async function createConvention(
  server: TestServer,
  convention: Convention = smallConvention(),
): Promise<string> {
  const created = await server.api('/api/conventions', {
    method: 'POST',
    body: JSON.stringify({ convention }),
  })
  if (created.status !== 201) throw new Error(`creating a convention answered ${created.status}`)
  return ((await created.json()) as { id: string }).id
}
