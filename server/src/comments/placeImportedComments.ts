import { COMMENT_MARK_NAME, createId, type ExportedComment } from '@ctg/shared'
import type * as Y from 'yjs'
import type { ThreadWithMessages } from './CommentStore.js'
import { textRuns, walkTexts } from './walkTexts.js'

/** The characters [offset, offset + length) of a container's text, as (text, index, length) pieces. */
function piecesOf(doc: Y.Doc, blockId: string | null, offset: number, length: number) {
  const pieces: { text: Y.XmlText; index: number; length: number }[] = []
  let seen = 0
  walkTexts(doc, {
    text: ({ text, containers }) => {
      if (blockId !== null && !containers.includes(blockId)) return
      for (const run of textRuns(text)) {
        const from = Math.max(offset, seen)
        const to = Math.min(offset + length, seen + run.text.length)
        if (to > from) pieces.push({ text, index: run.index + (from - seen), length: to - from })
        seen += run.text.length
      }
    },
  })
  const covered = pieces.reduce((sum, p) => sum + p.length, 0)
  return covered === length ? pieces : null
}

/**
 * Brings the threads of an imported convention into a document just written from it:
 * fresh thread and message ids, authors, dates, status and quotes kept, and each
 * passage's mark put back on the same characters (same container, offset and length).
 * A passage that cannot be found again is kept as a detached thread.
 */
export function placeImportedComments(
  doc: Y.Doc,
  conventionId: string,
  comments: readonly ExportedComment[],
): ThreadWithMessages[] {
  const placed: ThreadWithMessages[] = []
  doc.transact(() => {
    for (const comment of comments) {
      const threadId = createId('t-')
      const { blockId, quote, field, offset, length } = comment.anchor
      // a whole block or entry has no field; a passage always has one, detached or not
      const isBlock = field === null
      let detached = comment.anchor.detached
      if (!detached && !isBlock) {
        const pieces = offset !== null && length !== null ? piecesOf(doc, blockId, offset, length) : null
        if (pieces) {
          for (const p of pieces) p.text.format(p.index, p.length, { [COMMENT_MARK_NAME]: { threadId } })
        } else detached = true
      }
      placed.push({
        thread: {
          id: threadId,
          conventionId,
          blockId,
          kind: isBlock ? 'block' : 'passage',
          field,
          quote,
          status: comment.status,
          createdAt: comment.createdAt,
          authorId: comment.author.id,
          authorName: comment.author.name,
          detached,
          plenaryId: null,
          hidden: false,
        },
        messages: comment.messages.map((m) => ({
          id: createId('m-'),
          threadId,
          authorId: m.author.id,
          authorName: m.author.name,
          body: m.body,
          createdAt: m.createdAt,
          editedAt: m.editedAt,
          deleted: m.deleted,
        })),
      })
    }
  })
  return placed
}
