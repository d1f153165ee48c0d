import { isFrozen, type FrozenMessage } from '@ctg/shared'
import type { connectedPayload, Extension, onAuthenticatePayload } from '@hocuspocus/server'
import type { ConnectionContext } from '../hooks/Authentication.js'
import type { VersionStore } from './VersionStore.js'

/**
 * A connection to an adopted or signed convention opens read-only (Hocuspocus answers its
 * updates with SyncStatus false) and is told why (`{"type":"frozen","status"}`). Open
 * connections are frozen by LiveAccess when the status changes, on every process.
 */
export class FreezeGuard implements Extension {
  extensionName = 'FreezeGuard'
  constructor(private readonly versions: VersionStore) {}

  async onAuthenticate({ documentName, connectionConfig }: onAuthenticatePayload) {
    const { status } = await this.versions.lifecycle(documentName)
    if (!isFrozen(status)) return {}
    connectionConfig.readOnly = true
    return { frozen: status }
  }

  async connected({ connection, context, documentName }: connectedPayload) {
    const ctx = context as Partial<ConnectionContext>
    // frozen between this connection's authentication and its arrival in the document
    if (!ctx.frozen) {
      const { status } = await this.versions.lifecycle(documentName)
      if (!isFrozen(status)) return
      ctx.frozen = status
      connection.readOnly = true
    }
    connection.sendStateless(JSON.stringify({ type: 'frozen', status: ctx.frozen } satisfies FrozenMessage))
  }
}
