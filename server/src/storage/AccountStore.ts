import type { Role } from '@ctg/shared'
import type { UserRecord } from './MembershipStore.js'

/** What an OpenID Connect provider says of the person after sign-in (userinfo). */
export interface OidcIdentity {
  /** the provider's stable `sub` */
  subject: string
  email: string
  name: string
}

export type InvitationPurpose = 'account' | 'reset'

/** An invitation link: the code itself is never stored, only its SHA-256. */
export interface InvitationRecord {
  codeHash: string
  userId: string
  /** the convention it was made for; null for an account made by an administrator */
  conventionId: string | null
  /** the role given on that convention when the link was made (shown, not granted: the membership is) */
  role: Role | null
  invitedBy: string | null
  /** `account`: creates the account; `reset`: chooses a new password for an existing one */
  purpose: InvitationPurpose
  createdAt: string
  expiresAt: string
  acceptedAt: string | null
}

export type NewInvitation = Omit<InvitationRecord, 'createdAt' | 'acceptedAt'>

/**
 * Credentials and sessions. A user (see MembershipStore) has an account once it holds a
 * password hash or an OIDC subject. Sessions are signed tokens; what is stored is the list
 * of sessions ended before their expiry (sign-out), so any process can check a token, and
 * the sessions issued (id, user, expiry), so that all of one person's can be ended.
 */
export interface AccountStore {
  /** the user with this e-mail (case-insensitive) and their password hash, if any */
  credentialsByEmail(email: string): Promise<{ user: UserRecord; passwordHash: string | null } | null>
  userById(id: string): Promise<UserRecord | null>
  /** true when the user can sign in (a password or an OIDC subject) */
  hasAccount(userId: string): Promise<boolean>
  /** true when anybody can sign in: the first start offers an administrator invitation otherwise */
  anyAccount(): Promise<boolean>
  /** sets the password hash, and the name and e-mail when given (first sign-in through an invitation) */
  setPassword(userId: string, passwordHash: string, profile?: { name?: string; email?: string }): Promise<void>
  /**
   * The user for an OIDC identity: by subject, else by e-mail (an invited person signing in
   * through the provider for the first time, or through another of ProConnect's identity
   * providers, which gives another subject; the subject is then linked), else a new user.
   */
  userForOidc(identity: OidcIdentity, newId: string): Promise<UserRecord>
  createInvitation(invitation: NewInvitation): Promise<void>
  invitation(codeHash: string): Promise<InvitationRecord | null>
  /** marks it used; false when it already was (two tabs accepting at once) */
  acceptInvitation(codeHash: string): Promise<boolean>
  /** signs a session out until `expiresAt` (its token's expiry, after which the row may go) */
  endSession(sessionId: string, userId: string, expiresAt: Date): Promise<void>
  isSessionEnded(sessionId: string): Promise<boolean>
  /** the sessions among `sessionIds` that were ended (one query for every open connection) */
  endedAmong(sessionIds: string[]): Promise<string[]>
  /** remembers a session when its token is issued, so that `endAllSessions` can find it */
  recordSession(sessionId: string, userId: string, expiresAt: Date): Promise<void>
  /** ends every unexpired session of the user (but `exceptSessionId`); returns the ids it ended */
  endAllSessions(userId: string, exceptSessionId?: string): Promise<string[]>
}
