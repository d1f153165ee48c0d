import type { Extension, onUpgradePayload } from '@hocuspocus/server'

export const COLLAB_PATH = '/collab'

/** WebSocket upgrades are accepted at /collab only. */
export class CollabEndpoint implements Extension {
  extensionName = 'CollabEndpoint'
  priority = 1000

  async onUpgrade({ request, socket }: onUpgradePayload): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    if (path !== COLLAB_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
      throw null
    }
  }
}
