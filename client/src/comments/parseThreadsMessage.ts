import { threadsMessageSchema, type ThreadsMessage } from '@ctg/shared'

/** The server's `{"type":"threads",…}` stateless message, or null for any other. */
export function parseThreadsMessage(payload: string): ThreadsMessage | null {
  try {
    const parsed = threadsMessageSchema.safeParse(JSON.parse(payload))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}
