import { z } from 'zod'

export const THREAD_EVENTS = ['created', 'replied', 'edited', 'deleted', 'resolved', 'reopened', 'detached'] as const
export type ThreadEvent = (typeof THREAD_EVENTS)[number]

/**
 * The stateless message every `/collab` connection of the convention (read-only ones
 * included) receives when a thread changes, on every server process. It says only what
 * changed: the client reads the threads again with `GET …/threads`.
 */
export const threadsMessageSchema = z.strictObject({
  type: z.literal('threads'),
  event: z.enum(THREAD_EVENTS),
  threadId: z.string(),
})
export type ThreadsMessage = z.infer<typeof threadsMessageSchema>
