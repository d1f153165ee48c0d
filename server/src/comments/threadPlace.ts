import type { StoredThread } from './CommentStore.js'
import type { DocumentAnchors } from './readAnchors.js'

/** A thread's place in the document now: its rank, or detached. */
export function placeOf(thread: StoredThread, anchors: DocumentAnchors) {
  if (thread.kind === 'block') {
    const order = thread.blockId === null ? undefined : anchors.blocks.get(thread.blockId)
    return { order, blockId: thread.blockId, passage: undefined }
  }
  const passage = anchors.passages.get(thread.id)
  return { order: passage?.order, blockId: passage?.blockId ?? thread.blockId, passage }
}

/** Threads in document order, detached ones last (oldest first among equals). */
export function inDocumentOrder<T extends { thread: StoredThread }>(items: T[], anchors: DocumentAnchors): T[] {
  const rank = (item: T) => placeOf(item.thread, anchors).order ?? Number.POSITIVE_INFINITY
  return [...items].sort((a, b) => rank(a) - rank(b) || a.thread.createdAt.localeCompare(b.thread.createdAt) || 0)
}
