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

  issue(user: User, ttlSeconds?: number): Promise<string> {
    return this.tokens.issue(user, ttlSeconds)
  }

  /** A new session's token and expiry, as sign-in answers them. */
  issueSession(user: User): Promise<{ token: string; expiresAt: Date }> {
    return this.tokens.issueSession(user)
  }

  async verify(token: string | undefined | null): Promise<Required<User>> {
    const user = await this.tokens.verify(token)
    if (await this.accounts.isSessionEnded(user.sessionId)) throw new InvalidTokenError('session ended')
    return user
  }

  /** The token's session, signed out from now on. */
  async end(user: Required<User>): Promise<void> {
    await this.accounts.endSession(user.sessionId, user.id, user.expiresAt)
  }
}
