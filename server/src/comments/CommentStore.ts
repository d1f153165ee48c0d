import type { ThreadStatus } from '@ctg/shared'

export interface StoredThread {
  id: string
  conventionId: string
  /** the block or entry of a whole-block thread; a passage's innermost one at creation (null in free text) */
  blockId: string | null
  kind: 'passage' | 'block'
  /** a passage's field node at creation ("keyActionLabel", "paragraph" …); null for a block */
  field: string | null
  /** the passage's text at creation, or the block's label */
  quote: string
  status: ThreadStatus
  /** ISO 8601 */
  createdAt: string
  authorId: string
  authorName: string
  /** last seen without its passage or block (the document decides; this records it) */
  detached: boolean
  /** the plénière a participant posted it from (the author is then the participant); null otherwise */
  plenaryId: string | null
  /** hidden by the plénière's facilitator (moderation): left out of the threads members and participants see */
  hidden: boolean
}

export interface StoredMessage {
  id: string
  threadId: string
  authorId: string
  authorName: string
  /** exactly as typed; '' once deleted */
  body: string
  createdAt: string
  editedAt: string | null
  deleted: boolean
}

export interface ThreadWithMessages {
  thread: StoredThread
  /** in the order they were posted */
  messages: StoredMessage[]
}

/**
 * Comment threads and their messages, in the convention's database (SQLite or
 * PostgreSQL), never in the Yjs document: the document holds only the anchors.
 */
export interface CommentStore {
  /** a thread with its first message, in one transaction */
  createThread(thread: StoredThread, first: StoredMessage): Promise<void>
  /** threads brought by an import, in one transaction */
  importThreads(threads: ThreadWithMessages[]): Promise<void>
  threads(conventionId: string): Promise<ThreadWithMessages[]>
  /** one plénière's threads only (its participants' view: not every thread of the convention) */
  plenaryThreads(conventionId: string, plenaryId: string): Promise<ThreadWithMessages[]>
  /** the threads alone, without their messages (what the detach check needs) */
  threadsOnly(conventionId: string): Promise<StoredThread[]>
  thread(conventionId: string, threadId: string): Promise<ThreadWithMessages | null>
  addMessage(message: StoredMessage): Promise<void>
  setStatus(threadId: string, status: ThreadStatus): Promise<void>
  editMessage(messageId: string, body: string, editedAt: string): Promise<void>
  /** moderation or the author's own deletion: the message keeps its place, its body is erased */
  deleteMessage(messageId: string): Promise<void>
  /** true when the flag changed (so that one process only announces a detachment) */
  setDetached(threadId: string, detached: boolean): Promise<boolean>
}
