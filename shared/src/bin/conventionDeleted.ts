import { z } from 'zod'

/*
 * A convention in the bin, as the server tells it on every channel: the WebSocket close
 * (`CONVENTION_DELETED_CLOSE` in protocol/closeCodes.ts), the HTTP error code, and the
 * stateless message sent just before the close.
 */

/** `error.code` of the `410` every route of a binned convention answers (restore excepted). */
export const CONVENTION_DELETED_ERROR = 'convention_deleted'

/**
 * Who moved the convention to the bin, and when (ISO date): in the `410` error body and in
 * the stateless message.
 */
export interface ConventionDeletion {
  deletedAt: string
  /** null when the person is no longer known */
  deletedBy: { id: string; name: string } | null
}

/** The stateless message an open connection receives before its socket is closed with 4410. */
export const deletedMessageSchema = z.object({
  type: z.literal('deleted'),
  deletedAt: z.string(),
  // a person no longer known, or a malformed value: shown as nobody
  deletedBy: z.object({ id: z.string(), name: z.string() }).nullable().catch(null),
})
export type ConventionDeletedMessage = z.infer<typeof deletedMessageSchema>
