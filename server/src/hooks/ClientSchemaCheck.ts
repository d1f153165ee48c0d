import { CLIENT_OUTDATED_REFUSAL } from '@ctg/shared'
import { EDITOR_SCHEMA_FINGERPRINT } from '@ctg/extensions'
import type { Extension, onAuthenticatePayload } from '@hocuspocus/server'

/**
 * A page that says which editor schema it was built with (`?schema=<fingerprint>` on the
 * socket, as the web client does) is refused with `client outdated` when it is not the
 * server's: a tab opened before an upgrade would otherwise bind an older schema to the
 * document, and y-prosemirror deletes what its schema cannot build. Clients that do not
 * edit through ProseMirror (scripts, Yjs runtimes, the phones of a plénière) send nothing.
 */
export class ClientSchemaCheck implements Extension {
  extensionName = 'ClientSchemaCheck'

  async onAuthenticate({ requestParameters }: onAuthenticatePayload) {
    const schema = requestParameters.get('schema')
    if (schema !== null && schema !== EDITOR_SCHEMA_FINGERPRINT) {
      throw Object.assign(new Error(CLIENT_OUTDATED_REFUSAL.reason), { reason: CLIENT_OUTDATED_REFUSAL.reason })
    }
  }
}
