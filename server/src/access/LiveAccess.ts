import type { AccessMessage, Role } from '@ctg/shared'
import { canEdit } from '@ctg/shared'
import type { Hocuspocus } from '@hocuspocus/server'
import type { ConnectionContext } from '../extensions/Authentication.js'
import { CloseCode } from '../limits/closeCodes.js'

/** Close code and reason of a connection whose membership was revoked. */
export const ACCESS_REVOKED = { code: CloseCode.forbidden, reason: 'access revoked' }

/**
 * Applies a role change to the person's open connections on that convention at once:
 * read-only or not, told by the stateless message `{"type":"access","role"}`, closed
 * with 4403 when revoked. (With several processes, each applies the changes it makes; see docs/security.md.)
 */
export class LiveAccess {
  constructor(private readonly hocuspocus: () => Hocuspocus) {}

  apply(conventionId: string, userId: string, role: Role | null): number {
    const document = this.hocuspocus().documents.get(conventionId)
    if (!document) return 0
    const message = JSON.stringify({ type: 'access', role } satisfies AccessMessage)
    let count = 0
    for (const connection of document.getConnections()) {
      if ((connection.context as Partial<ConnectionContext>).user?.id !== userId) continue
      count++
      connection.readOnly = !canEdit(role)
      connection.sendStateless(message)
      if (role === null) connection.webSocket.close(ACCESS_REVOKED.code, ACCESS_REVOKED.reason)
    }
    return count
  }
}
