import { COMMENT_MARK_NAME, threadIdOfFormat } from '@ctg/shared'

/** y-prosemirror stores a mark that may overlap itself as "name--" and a hash: both are comments. */
export function isCommentKey(key: string): boolean {
  return key === COMMENT_MARK_NAME || key.startsWith(`${COMMENT_MARK_NAME}--`)
}

/** The thread ids the current formatting of a text gives its characters (usually zero or one). */
export function threadIdsOf(attributes: Map<string, unknown>): string[] {
  const ids: string[] = []
  for (const [key, value] of attributes) {
    if (!isCommentKey(key)) continue
    const id = threadIdOfFormat(value)
    if (id) ids.push(id)
  }
  return ids
}
