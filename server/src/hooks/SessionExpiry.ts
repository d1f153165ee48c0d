import { SESSION_EXPIRED_CLOSE } from '@ctg/shared'
import type { connectedPayload, Extension } from '@hocuspocus/server'
import type { ConnectionContext } from './Authentication.js'

/** setTimeout's longest delay (about 24.8 days); a longer session is checked again then. */
const LONGEST_TIMER_MS = 2 ** 31 - 1

/**
 * A token is checked when a connection opens, and a connection may stay open for days: this
 * closes it when its session expires (4401 `session expired`), so that an expired session
 * does not keep editing. The client then asks its person to sign in again.
 */
export class SessionExpiry implements Extension {
  extensionName = 'SessionExpiry'

  async connected({ connection, context }: connectedPayload<ConnectionContext>): Promise<void> {
    const expiresAt = context.user?.expiresAt?.getTime()
    if (expiresAt === undefined) return
    let timer: NodeJS.Timeout
    const arm = () => {
      const left = expiresAt - Date.now()
      if (left <= 0) return connection.webSocket.close(SESSION_EXPIRED_CLOSE.code, SESSION_EXPIRED_CLOSE.reason)
      timer = setTimeout(arm, Math.min(left, LONGEST_TIMER_MS))
      timer.unref()
    }
    arm()
    connection.onClose(() => clearTimeout(timer))
  }
}
