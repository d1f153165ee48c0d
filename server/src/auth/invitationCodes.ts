import { createHash, randomBytes } from 'node:crypto'
import type { Role } from '@ctg/shared'
import type { AccountStore, InvitationPurpose } from '../storage/AccountStore.js'

/** How long an invitation link may be used: long enough for a colleague back from leave. */
export const INVITATION_TTL_DAYS = 14

/** Only the hash is stored: a copy of the database does not give anybody's link. */
export function hashInvitationCode(code: string): string {
  return createHash('sha256').update(code).digest('hex')
}

/**
 * Makes an invitation link for `userId`: opened, it lets that person choose a password
 * (or sign in through OIDC with the same e-mail), or, for `reset`, a new password. The link is
 * the secret; no mail server is needed.
 */
export async function createInvitationLink(
  accounts: AccountStore,
  origin: string,
  invitation: { userId: string; conventionId: string | null; role: Role | null; invitedBy: string | null },
  purpose: InvitationPurpose = 'account',
): Promise<string> {
  const code = randomBytes(24).toString('base64url')
  await accounts.createInvitation({
    ...invitation,
    purpose,
    codeHash: hashInvitationCode(code),
    expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 24 * 3600 * 1000).toISOString(),
  })
  return `${origin}/invitation/${code}`
}
