import type { AccessMessage } from '@ctg/shared'
import type { TestClient } from './connectClient.js'

/** Every stateless `access` message the client receives from now on, in order. */
export function accessMessages(client: TestClient): AccessMessage[] {
  const received: AccessMessage[] = []
  client.provider.on('stateless', ({ payload }: { payload: string }) => {
    const message = JSON.parse(payload) as AccessMessage
    if (message.type === 'access') received.push(message)
  })
  return received
}
