/**
 * The anchor of a commented passage in the document: a mark named `comment` whose one
 * attribute is the thread id. y-prosemirror stores it on the Y.XmlText as the format
 * attribute `comment` with the value `{ threadId }`, as it stores `bold` or `italic`.
 * Only the server writes it (see docs/ARCHITECTURE.md, "Comments").
 */
export const COMMENT_MARK_NAME = 'comment'

/** The attributes of the `comment` mark. */
export interface CommentMarkAttributes {
  threadId: string
}

/** The thread id a Y.XmlText format value of the `comment` mark holds, or null. */
export function threadIdOfFormat(value: unknown): string | null {
  if (!value || typeof value !== 'object') return null
  const threadId = (value as { threadId?: unknown }).threadId
  return typeof threadId === 'string' && threadId.length > 0 ? threadId : null
}
