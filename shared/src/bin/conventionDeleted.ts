/**
 * A convention in the bin, as the server tells it on every channel: the WebSocket close
 * code and reason, the HTTP error code, and the stateless message sent just before the close.
 */
export const CONVENTION_DELETED_CLOSE = { code: 4410, reason: 'convention deleted' } as const

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
export interface ConventionDeletedMessage extends ConventionDeletion {
  type: 'deleted'
}

/** The server's `deleted` stateless message, or null for any other payload. */
export function parseDeletedMessage(payload: string): ConventionDeletedMessage | null {
  try {
    const message = JSON.parse(payload) as Partial<ConventionDeletedMessage>
    if (message.type !== 'deleted' || typeof message.deletedAt !== 'string') return null
    const by = message.deletedBy
    const deletedBy =
      by && typeof by === 'object' && typeof by.id === 'string' && typeof by.name === 'string'
        ? { id: by.id, name: by.name }
        : null
    return { type: 'deleted', deletedAt: message.deletedAt, deletedBy }
  } catch {
    return null
  }
}
