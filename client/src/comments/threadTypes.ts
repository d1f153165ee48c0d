/** Threads as GET /api/conventions/:id/threads answers them (see docs/api.md). */

export interface ThreadAuthor {
  id: string
  name: string
}

export interface ThreadMessage {
  id: string
  author: ThreadAuthor
  body: string
  createdAt: string
  editedAt: string | null
  deleted: boolean
}

export interface ThreadAnchor {
  blockId?: string
  quote: string
  detached: boolean
}

export type ThreadStatus = 'open' | 'resolved'

export interface Thread {
  id: string
  anchor: ThreadAnchor
  status: ThreadStatus
  createdAt: string
  author: ThreadAuthor
  messages: ThreadMessage[]
}

/** Where a new thread is attached: a whole block or entry, or a passage as two Yjs relative positions. */
export type NewThreadAnchor = { blockId: string } | { from: string; to: string }
