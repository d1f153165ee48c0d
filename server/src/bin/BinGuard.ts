import { CONVENTION_DELETED_CLOSE, type ConventionDeletedMessage } from '@ctg/shared'
import type { connectedPayload, Extension } from '@hocuspocus/server'
import type { Logger } from '../logger.js'
import type { BinStore } from './BinStore.js'

/**
 * Closes a connection that authenticated while its convention was being moved to the bin:
 * `Authentication` read the bin before the move was committed, and `LiveAccess` closed the
 * convention's connections before this one was registered. Read once the connection is
 * registered, the bin says so, and the connection gets what the others got.
 */
export class BinGuard implements Extension {
  extensionName = 'BinGuard'

  constructor(
    private readonly bin: BinStore,
    private readonly logger: Logger,
  ) {}

  async connected({ documentName, connection }: connectedPayload) {
    let deletion
    try {
      deletion = await this.bin.deletionOf(documentName)
    } catch (error) {
      this.logger.error(`bin: could not read whether ${documentName} is in the bin`, error)
      return
    }
    if (!deletion) return
    connection.sendStateless(JSON.stringify({ type: 'deleted', ...deletion } satisfies ConventionDeletedMessage))
    connection.webSocket.close(CONVENTION_DELETED_CLOSE.code, CONVENTION_DELETED_CLOSE.reason)
  }
}
