import type { Invitation } from '@ctg/shared'
import { z } from 'zod'
import { hashInvitationCode } from '../../auth/invitationCodes.js'
import { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../auth/passwords.js'
import type { LiveAccess } from '../../access/LiveAccess.js'
import type { Sessions } from '../../auth/Sessions.js'
import type { InvitationRecord } from '../../storage/AccountStore.js'
import type { ConventionStore } from '../../storage/ConventionStore.js'
import type { Route } from '../ApiRequest.js'
import { HttpError } from '../HttpError.js'
import { invalidInput } from '../zodIssues.js'
import { signedIn } from './authRoutes.js'

const INVITATION = /^\/api\/invitations\/([\w-]{16,64})$/
const ACCEPT = /^\/api\/invitations\/([\w-]{16,64})\/accept$/

const acceptBody = z.strictObject({
  name: z.string().trim().min(1, 'name must not be empty').max(120),
  password: z
    .string()
    .min(PASSWORD_MIN_LENGTH, `password must have at least ${PASSWORD_MIN_LENGTH} characters`)
    .max(PASSWORD_MAX_LENGTH),
  email: z.email('email must be an e-mail address').max(254).optional(),
})

/** Invitation links: what they are for, and creating one's account from them. */
export function invitationRoutes(store: ConventionStore, sessions: Sessions, live: LiveAccess): Route[] {
  /** The invitation behind a code, refused when unknown (404), used or expired (410). */
  const usable = async (code: string): Promise<InvitationRecord> => {
    const invitation = await store.accounts.invitation(hashInvitationCode(code))
    if (!invitation) throw new HttpError(404, 'not_found', 'no such invitation')
    if (invitation.acceptedAt) throw new HttpError(410, 'invitation_used', 'this invitation has already been used')
    if (Date.parse(invitation.expiresAt) < Date.now()) {
      throw new HttpError(410, 'invitation_expired', 'this invitation has expired: ask for a new one')
    }
    return invitation
  }

  return [
    {
      method: 'GET',
      pattern: INVITATION,
      public: true,
      handler: async (request) => {
        const invitation = await usable(request.params[0]!)
        const user = await store.accounts.userById(invitation.userId)
        if (!user) throw new HttpError(404, 'not_found', 'no such invitation')
        const convention = invitation.conventionId ? await store.get(invitation.conventionId) : null
        const invitedBy = invitation.invitedBy ? await store.accounts.userById(invitation.invitedBy) : null
        return {
          status: 200,
          json: {
            invitation: {
              email: user.email,
              name: user.name,
              conventionId: convention?.id ?? null,
              conventionTitle: convention?.title ?? null,
              invitedBy: invitedBy?.name ?? null,
              role: invitation.role,
              purpose: invitation.purpose,
              hasAccount: await store.accounts.hasAccount(user.id),
              expiresAt: invitation.expiresAt,
            } satisfies Invitation,
          },
        }
      },
    },
    {
      method: 'POST',
      pattern: ACCEPT,
      public: true,
      handler: async (request) => {
        const code = request.params[0]!
        const invitation = await usable(code)
        const parsed = acceptBody.safeParse(await request.readJson())
        if (!parsed.success) throw invalidInput('invalid_body', parsed.error)
        const user = await store.accounts.userById(invitation.userId)
        if (!user) throw new HttpError(404, 'not_found', 'no such invitation')
        if (invitation.purpose !== 'reset' && (await store.accounts.hasAccount(user.id))) {
          throw new HttpError(409, 'has_account', 'this person already has an account: sign in instead')
        }
        // the administrator's first invitation has no address yet: it is chosen here
        const email = user.email ?? parsed.data.email
        if (!email)
          throw new HttpError(400, 'invalid_body', 'email is required', [{ path: 'email', message: 'required' }])
        const holder = await store.accounts.credentialsByEmail(email)
        if (holder && holder.user.id !== user.id) {
          throw new HttpError(409, 'email_taken', 'another account uses this e-mail address')
        }
        const passwordHash = await hashPassword(parsed.data.password)
        if (!(await store.accounts.acceptInvitation(hashInvitationCode(code)))) {
          throw new HttpError(410, 'invitation_used', 'this invitation has already been used')
        }
        await store.accounts.setPassword(user.id, passwordHash, { name: parsed.data.name, email })
        await store.members.rememberUser({ id: user.id, name: parsed.data.name })
        // a new password ends the sessions opened with the old one (whoever holds them), on every process
        if (invitation.purpose === 'reset') await live.endSessions(await sessions.endAll(user.id))
        return signedIn(sessions, { ...user, name: parsed.data.name, email: email.toLowerCase() }, request, {
          conventionId: invitation.conventionId,
        })
      },
    },
  ]
}
