import type { DatabaseSync } from 'node:sqlite'
import type { ThreadStatus } from '@ctg/shared'
import type { SqliteWriter } from '../storage/sqlite/SqliteWriter.js'
import { sqliteTransaction } from '../storage/sqlite/sqliteTransaction.js'
import type { WriterStatement } from '../storage/sqlite/sqliteWriterWorker.js'
import type { CommentStore, StoredMessage, StoredThread, ThreadWithMessages } from './CommentStore.js'
import { groupThreads, toMessage, toThread, type MessageRow, type ThreadRow } from './commentRows.js'

const insertThread = (t: StoredThread): WriterStatement => ({
  sql: `INSERT INTO comment_threads (id, convention_id, block_id, kind, field, quote, status, created_at, author_id, author_name, detached, plenary_id, hidden)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  params: [
    t.id,
    t.conventionId,
    t.blockId,
    t.kind,
    t.field,
    t.quote,
    t.status,
    t.createdAt,
    t.authorId,
    t.authorName,
    t.detached ? 1 : 0,
    t.plenaryId,
    t.hidden ? 1 : 0,
  ],
})

const insertMessage = (m: StoredMessage): WriterStatement => ({
  sql: `INSERT INTO comment_messages (id, thread_id, author_id, author_name, body, created_at, edited_at, deleted)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  params: [m.id, m.threadId, m.authorId, m.authorName, m.body, m.createdAt, m.editedAt, m.deleted ? 1 : 0],
})

/**
 * Comment threads in the SQLite file. Writes go through the writer thread (a durable
 * commit waits for fsync, which would stop the event loop and every broadcast); reads
 * stay on this thread (WAL: they never wait for the writer).
 */
export class SqliteCommentStore implements CommentStore {
  constructor(
    private readonly db: DatabaseSync,
    private readonly writer: SqliteWriter,
  ) {}

  async createThread(thread: StoredThread, first: StoredMessage): Promise<void> {
    await this.writer.statements([insertThread(thread), insertMessage(first)])
  }

  async importThreads(threads: ThreadWithMessages[]): Promise<void> {
    await this.writer.statements(
      threads.flatMap(({ thread, messages }) => [insertThread(thread), ...messages.map(insertMessage)]),
    )
  }

  async threads(conventionId: string): Promise<ThreadWithMessages[]> {
    return sqliteTransaction(
      this.db,
      () => {
        const threads = this.db.prepare('SELECT * FROM comment_threads WHERE convention_id = ?').all(conventionId)
        const messages = this.db
          .prepare(
            `SELECT m.* FROM comment_messages m JOIN comment_threads t ON t.id = m.thread_id
             WHERE t.convention_id = ? ORDER BY m.seq`,
          )
          .all(conventionId)
        return groupThreads(
          (threads as unknown as ThreadRow[]).map(toThread),
          (messages as unknown as MessageRow[]).map(toMessage),
        )
      },
      'read',
    )
  }

  async plenaryThreads(conventionId: string, plenaryId: string): Promise<ThreadWithMessages[]> {
    return sqliteTransaction(
      this.db,
      () => {
        const threads = this.db
          .prepare('SELECT * FROM comment_threads WHERE convention_id = ? AND plenary_id = ?')
          .all(conventionId, plenaryId)
        const messages = this.db
          .prepare(
            `SELECT m.* FROM comment_messages m JOIN comment_threads t ON t.id = m.thread_id
             WHERE t.convention_id = ? AND t.plenary_id = ? ORDER BY m.seq`,
          )
          .all(conventionId, plenaryId)
        return groupThreads(
          (threads as unknown as ThreadRow[]).map(toThread),
          (messages as unknown as MessageRow[]).map(toMessage),
        )
      },
      'read',
    )
  }

  async threadsOnly(conventionId: string): Promise<StoredThread[]> {
    const rows = this.db.prepare('SELECT * FROM comment_threads WHERE convention_id = ?').all(conventionId)
    return (rows as unknown as ThreadRow[]).map(toThread)
  }

  async thread(conventionId: string, threadId: string): Promise<ThreadWithMessages | null> {
    return sqliteTransaction(
      this.db,
      () => {
        const row = this.db
          .prepare('SELECT * FROM comment_threads WHERE convention_id = ? AND id = ?')
          .get(conventionId, threadId)
        if (!row) return null
        const messages = this.db
          .prepare('SELECT * FROM comment_messages WHERE thread_id = ? ORDER BY seq')
          .all(threadId)
        return {
          thread: toThread(row as unknown as ThreadRow),
          messages: (messages as unknown as MessageRow[]).map(toMessage),
        }
      },
      'read',
    )
  }

  async addMessage(message: StoredMessage): Promise<void> {
    await this.writer.statements([insertMessage(message)])
  }

  async setStatus(threadId: string, status: ThreadStatus): Promise<void> {
    await this.writer.statements([
      { sql: 'UPDATE comment_threads SET status = ? WHERE id = ?', params: [status, threadId] },
    ])
  }

  async editMessage(messageId: string, body: string, editedAt: string): Promise<void> {
    await this.writer.statements([
      { sql: 'UPDATE comment_messages SET body = ?, edited_at = ? WHERE id = ?', params: [body, editedAt, messageId] },
    ])
  }

  async deleteMessage(messageId: string): Promise<void> {
    await this.writer.statements([
      { sql: "UPDATE comment_messages SET body = '', deleted = 1 WHERE id = ?", params: [messageId] },
    ])
  }

  async setDetached(threadId: string, detached: boolean): Promise<boolean> {
    const [changed] = await this.writer.statements([
      {
        sql: 'UPDATE comment_threads SET detached = ? WHERE id = ? AND detached = ?',
        params: [detached ? 1 : 0, threadId, detached ? 0 : 1],
      },
    ])
    return (changed ?? 0) > 0
  }
}
