import type { CommentMessage } from '@ctg/shared'
import type { StoredMessage } from './CommentStore.js'

/** A stored message as the API and the export show it. */
export const messageJson = (m: StoredMessage): CommentMessage => ({
  id: m.id,
  author: { id: m.authorId, name: m.authorName },
  body: m.body,
  createdAt: m.createdAt,
  editedAt: m.editedAt,
  deleted: m.deleted,
})
