/** The server's stateless message after any change to a thread of the convention. */
export interface ThreadsMessage {
  type: 'threads'
  event: string
  threadId: string
}

/** `{"type":"threads",…}`, or null for any other stateless message. */
export function parseThreadsMessage(payload: string): ThreadsMessage | null {
  try {
    const message = JSON.parse(payload) as Partial<ThreadsMessage>
    if (message.type !== 'threads' || typeof message.threadId !== 'string') return null
    return { type: 'threads', event: String(message.event ?? ''), threadId: message.threadId }
  } catch {
    return null
  }
}
