import type { ExportedComment } from '@ctg/shared'
import type { ThreadWithMessages } from './CommentStore.js'
import { messageJson } from './messageJson.js'
import type { DocumentAnchors } from './readAnchors.js'
import { inDocumentOrder, placeOf } from './threadPlace.js'

/**
 * The `comments` of the structured export: the stored threads placed by the anchors of the
 * same document as its content. Pure, so that the export worker runs it.
 */
export function exportedComments(threads: ThreadWithMessages[], anchors: DocumentAnchors): ExportedComment[] {
  return inDocumentOrder(threads, anchors).map(({ thread, messages }) => {
    const { order, blockId, passage } = placeOf(thread, anchors)
    return {
      id: thread.id,
      anchor: {
        blockId: blockId ?? null,
        quote: thread.quote,
        detached: order === undefined,
        field: passage?.field ?? thread.field,
        offset: passage?.offset ?? null,
        length: passage?.length ?? null,
      },
      status: thread.status,
      createdAt: thread.createdAt,
      author: { id: thread.authorId, name: thread.authorName },
      messages: messages.map(messageJson),
    }
  })
}
