import type { AccountStore } from '../storage/AccountStore.js'
import { InvalidTokenError, type TokenService, type User } from './tokens.js'

/**
 * Sessions are signed tokens that expire; signing out ends one before its expiry by
 * recording its id in storage, which every process checks. So a token stops working
 * everywhere at once, and a restart forgets nothing.
 */
export class Sessions {
  constructor(
    private readonly tokens: TokenService,
    private readonly accounts: AccountStore,
  ) {}

  async issue(user: User, ttlSeconds?: number): Promise<string> {
    return (await this.issueSession(user, ttlSeconds)).token
  }

  /** A new session's token and expiry, as sign-in answers them; recorded, so that `endAll` finds it. */
  async issueSession(user: User, ttlSeconds?: number): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
    const session = await this.tokens.issueSession(user, ttlSeconds)
    await this.accounts.recordSession(session.sessionId, user.id, session.expiresAt)
    return session
  }

  async verify(token: string | undefined | null): Promise<Required<User>> {
    const user = await this.tokens.verify(token)
    if (await this.accounts.isSessionEnded(user.sessionId)) throw new InvalidTokenError('session ended')
    return user
  }

  /**
   * Every session of the person (but `exceptSessionId`), signed out from now on: a password
   * reset, or an administrator's sign-out everywhere. Returns the ids, for the access bus.
   */
  endAll(userId: string, exceptSessionId?: string): Promise<string[]> {
    return this.accounts.endAllSessions(userId, exceptSessionId)
  }

  /** The token's session, signed out from now on. */
  async end(user: Required<User>): Promise<void> {
    await this.accounts.endSession(user.sessionId, user.id, user.expiresAt)
  }
}
