import type { ThreadStatus } from '@ctg/shared'
import type { StoredMessage, StoredThread, ThreadWithMessages } from './CommentStore.js'

/** A row of `comment_threads` as either engine returns it. */
export interface ThreadRow {
  id: string
  convention_id: string
  block_id: string | null
  kind: string
  field: string | null
  quote: string
  status: string
  created_at: string
  author_id: string
  author_name: string
  detached: number | boolean
  plenary_id: string | null
  hidden: number | boolean
}

export interface MessageRow {
  id: string
  thread_id: string
  author_id: string
  author_name: string
  body: string
  created_at: string
  edited_at: string | null
  deleted: number | boolean
}

export const toThread = (r: ThreadRow): StoredThread => ({
  id: r.id,
  conventionId: r.convention_id,
  blockId: r.block_id,
  kind: r.kind === 'block' ? 'block' : 'passage',
  field: r.field,
  quote: r.quote,
  status: r.status as ThreadStatus,
  createdAt: r.created_at,
  authorId: r.author_id,
  authorName: r.author_name,
  detached: Boolean(r.detached),
  plenaryId: r.plenary_id ?? null,
  hidden: Boolean(r.hidden),
})

export const toMessage = (r: MessageRow): StoredMessage => ({
  id: r.id,
  threadId: r.thread_id,
  authorId: r.author_id,
  authorName: r.author_name,
  body: r.body,
  createdAt: r.created_at,
  editedAt: r.edited_at,
  deleted: Boolean(r.deleted),
})

/** Threads with their messages (messages already in posting order). */
export function groupThreads(threads: StoredThread[], messages: StoredMessage[]): ThreadWithMessages[] {
  const byId = new Map(threads.map((thread) => [thread.id, { thread, messages: [] as StoredMessage[] }]))
  for (const message of messages) byId.get(message.threadId)?.messages.push(message)
  return [...byId.values()]
}
