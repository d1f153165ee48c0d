import { z } from 'zod'
import { THREAD_STATUSES } from './threadBodies.js'

export const commentAuthorSchema = z.strictObject({ id: z.string(), name: z.string() })
export type CommentAuthor = z.infer<typeof commentAuthorSchema>

/** A message as the API shows it; a deleted message keeps its place with an empty body. */
export const commentMessageSchema = z.strictObject({
  id: z.string(),
  author: commentAuthorSchema,
  /** exactly as typed; '' once deleted */
  body: z.string(),
  /** ISO 8601 */
  createdAt: z.string(),
  /** ISO 8601, null when never edited */
  editedAt: z.string().nullable(),
  deleted: z.boolean(),
})
export type CommentMessage = z.infer<typeof commentMessageSchema>

/** Where a thread is, as the API shows it. */
export const threadAnchorSchema = z.strictObject({
  /** a passage's innermost block or entry (absent in free text); a block's own id */
  blockId: z.string().optional(),
  /** the passage's text at creation; for a block, its label ("Fiche action n°3 — Parentalité") */
  quote: z.string(),
  /** the passage has no character left, or the block is gone */
  detached: z.boolean(),
})
export type ThreadAnchor = z.infer<typeof threadAnchorSchema>

export const commentThreadSchema = z.strictObject({
  id: z.string(),
  anchor: threadAnchorSchema,
  status: z.enum(THREAD_STATUSES),
  createdAt: z.string(),
  author: commentAuthorSchema,
  messages: z.array(commentMessageSchema),
  /** posted by a participant of this plénière (the author is the participant, by display name) */
  plenaryId: z.string().optional(),
})
export type CommentThread = z.infer<typeof commentThreadSchema>

/** `GET /api/conventions/:id/threads`: in document order, detached threads last. */
export const threadsResponseSchema = z.strictObject({ threads: z.array(commentThreadSchema) })
export type ThreadsResponse = z.infer<typeof threadsResponseSchema>

/** `POST …/threads` (201) and `PATCH …/threads/:threadId` (200) */
export const threadResponseSchema = z.strictObject({ thread: commentThreadSchema })
export type ThreadResponse = z.infer<typeof threadResponseSchema>

/** `POST …/threads/:threadId/messages` (201) and `PATCH …/messages/:messageId` (200) */
export const messageResponseSchema = z.strictObject({ message: commentMessageSchema })
export type MessageResponse = z.infer<typeof messageResponseSchema>
