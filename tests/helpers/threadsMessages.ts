import { threadsMessageSchema, type ThreadsMessage } from '@ctg/shared'
import type { TestClient } from './connectClient.js'

/** Every stateless `threads` message the client receives from now on, in order. */
export function threadsMessages(client: TestClient): ThreadsMessage[] {
  const received: ThreadsMessage[] = []
  client.provider.on('stateless', ({ payload }: { payload: string }) => {
    const parsed = threadsMessageSchema.safeParse(JSON.parse(payload))
    if (parsed.success) received.push(parsed.data)
  })
  return received
}
