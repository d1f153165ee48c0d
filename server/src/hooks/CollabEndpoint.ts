import type { Extension, onUpgradePayload } from '@hocuspocus/server'
import { isSameOrigin } from '../http/requestOrigin.js'
import { YJS_DOOR_PATH } from '../yjsDoor/YjsDoor.js'

export const COLLAB_PATH = '/collab'

/**
 * WebSocket upgrades are accepted at /collab, and from a page of another site never:
 * the browser would send our session cookie with it (cross-site WebSocket hijacking). An
 * upgrade without `Origin` is not a browser's page (scripts, other servers) and goes on to
 * authenticate as usual. The y-websocket door (`/yjs/…`, `YjsDoor`) reads no cookie, only
 * the token in its URL, so a page of any site may use it.
 */
export class CollabEndpoint implements Extension {
  extensionName = 'CollabEndpoint'
  constructor(private readonly trustProxy = false) {}

  async onUpgrade({ request, socket }: onUpgradePayload): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    if (path.startsWith(YJS_DOOR_PATH)) return
    if (path !== COLLAB_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
      throw null
    }
    if (request.headers.origin !== undefined && !isSameOrigin(request, this.trustProxy)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
      throw null
    }
  }
}
