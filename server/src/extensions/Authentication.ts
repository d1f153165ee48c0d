import type { Extension, onAuthenticatePayload } from '@hocuspocus/server'
import type { TokenService, User } from '../auth/tokens.js'
import type { ConventionStore } from '../storage/ConventionStore.js'

export interface ConnectionContext {
  user: User
}

/**
 * Every WebSocket connection carries a bearer token; without a valid one, or for a
 * convention that does not exist (documents are created over HTTP only), the
 * connection is refused before any document is loaded, and `onFailure` is told
 * (PreAuthLimits counts failures per client address).
 */
export class Authentication implements Extension {
  extensionName = 'Authentication'
  priority = 1000

  constructor(
    private readonly tokens: TokenService,
    private readonly store: ConventionStore,
    private readonly onFailure: (payload: onAuthenticatePayload) => void = () => {},
  ) {}

  async onAuthenticate(payload: onAuthenticatePayload): Promise<ConnectionContext> {
    try {
      const user = await this.tokens.verify(payload.token)
      if (!(await this.store.exists(payload.documentName))) throw new Error('convention not found')
      return { user }
    } catch (error) {
      this.onFailure(payload)
      throw error
    }
  }
}
