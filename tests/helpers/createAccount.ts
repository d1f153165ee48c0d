import type { Role } from '@ctg/shared'
import { acceptInvitation } from './acceptInvitation.js'
import type { TestServer } from './startTestServer.js'

export interface Account {
  id: string
  name: string
  email: string
  password: string
}

/**
 * A person with an e-mail and password account and a role on the convention, made the way
 * people get one: the owner (the test server's default user) invites them, and they accept
 * the invitation.
 */
export async function createAccount(
  server: TestServer,
  conventionId: string,
  person: { name: string; email: string; password: string },
  role: Role = 'editor',
): Promise<Account> {
  const shared = await server.api(`/api/conventions/${conventionId}/members`, {
    method: 'POST',
    body: JSON.stringify({ name: person.name, email: person.email, organisationKind: 'caf', role }),
  })
  if (shared.status !== 201) throw new Error(`sharing answered ${shared.status}`)
  const { member, link } = (await shared.json()) as { member: { id: string }; link: string }
  await acceptInvitation(link, { name: person.name, password: person.password })
  return { id: member.id, ...person }
}
