import type { TestClient } from './connectClient.js'

/** The code and reason of the next close of the client's socket. */
export function closeOf(client: TestClient): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    client.socket.on('close', ({ event }: { event: { code: number; reason: string } }) =>
      resolve({ code: event.code, reason: event.reason }),
    ),
  )
}
