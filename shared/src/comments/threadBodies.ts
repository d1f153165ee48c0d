import { z } from 'zod'
import { messageBodySchema } from './messageBody.js'

/** A Y.RelativePosition, `Y.encodeRelativePosition` in standard base64 with padding. */
const encodedPosition = z
  .string()
  .min(4)
  .max(2000)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be a base64-encoded Yjs relative position')

/**
 * What a thread is anchored to, as the client sends it: a whole block or entry by its
 * stable id, or a passage by the relative positions of its first character (`from`) and
 * of the place just after its last one (`to`), on the Y.XmlText that holds them.
 */
export const anchorRequestSchema = z.union([
  z.strictObject({ blockId: z.string().min(1).max(64) }),
  z.strictObject({ from: encodedPosition, to: encodedPosition }),
])
export type AnchorRequest = z.infer<typeof anchorRequestSchema>

/** `POST /api/conventions/:id/threads` */
export const createThreadBodySchema = z.strictObject({ anchor: anchorRequestSchema, body: messageBodySchema })
export type CreateThreadBody = z.infer<typeof createThreadBodySchema>

/** `POST /api/conventions/:id/threads/:threadId/messages` and `PATCH …/messages/:messageId` */
export const messageBodyRequestSchema = z.strictObject({ body: messageBodySchema })
export type MessageBodyRequest = z.infer<typeof messageBodyRequestSchema>

export const THREAD_STATUSES = ['open', 'resolved'] as const
export type ThreadStatus = (typeof THREAD_STATUSES)[number]

/** `PATCH /api/conventions/:id/threads/:threadId` */
export const patchThreadBodySchema = z.strictObject({ status: z.enum(THREAD_STATUSES) })
export type PatchThreadBody = z.infer<typeof patchThreadBodySchema>
