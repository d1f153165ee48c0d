import type { Extension, onAuthenticatePayload } from '@hocuspocus/server'
import type { TokenService, User } from '../auth/tokens.js'
import type { ConventionStore } from '../storage/ConventionStore.js'

export interface ConnectionContext {
  user: User
}

/**
 * Every WebSocket connection carries a bearer token; without a valid one, or for a
 * convention that does not exist (documents are created over HTTP only), the
 * connection is refused before any document is loaded.
 */
export class Authentication implements Extension {
  extensionName = 'Authentication'
  priority = 1000

  constructor(
    private readonly tokens: TokenService,
    private readonly store: ConventionStore,
  ) {}

  async onAuthenticate({ token, documentName }: onAuthenticatePayload): Promise<ConnectionContext> {
    const user = await this.tokens.verify(token)
    if (!(await this.store.exists(documentName))) throw new Error('convention not found')
    return { user }
  }
}
