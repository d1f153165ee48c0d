import { randomBytes } from 'node:crypto'
import { expect } from 'vitest'
import { smallConvention } from '../fixtures/conventionFixtures.js'
import type { ServerProcess } from './startServerProcess.js'

/** The owner's HTTP calls to one process of a pair. */
export type OwnerApi = (proc: ServerProcess, path: string, init?: RequestInit) => Promise<Response>

/**
 * The small convention created through `createdOn`, shared with a new editor (Élodie)
 * through `sharedThrough`: its id, the editor's member id and invitation link.
 */
export async function conventionSharedWithEditor(
  api: OwnerApi,
  createdOn: ServerProcess,
  sharedThrough: ServerProcess = createdOn,
): Promise<{ id: string; editorId: string; link: string }> {
  const created = await api(createdOn, '/api/conventions', {
    method: 'POST',
    body: JSON.stringify({ convention: smallConvention() }),
  })
  expect(created.status).toBe(201)
  const { id } = (await created.json()) as { id: string }
  const shared = await api(sharedThrough, `/api/conventions/${id}/members`, {
    method: 'POST',
    body: JSON.stringify({
      email: `redactrice-${randomBytes(3).toString('hex')}@epci.fr`,
      name: 'Élodie',
      organisationKind: 'epci',
      role: 'editor',
    }),
  })
  expect(shared.status).toBe(201)
  const { member, link } = (await shared.json()) as { member: { id: string }; link: string }
  return { id, editorId: member.id, link }
}
