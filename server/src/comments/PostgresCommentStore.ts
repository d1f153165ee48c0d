import type { ThreadStatus } from '@ctg/shared'
import type pg from 'pg'
import { postgresTransaction } from '../storage/postgres/postgresTransaction.js'
import type { CommentStore, StoredMessage, StoredThread, ThreadWithMessages } from './CommentStore.js'
import { groupThreads, toMessage, toThread, type MessageRow, type ThreadRow } from './commentRows.js'

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient

/** Comment threads in PostgreSQL. */
export class PostgresCommentStore implements CommentStore {
  constructor(private readonly pool: pg.Pool) {}

  async createThread(thread: StoredThread, first: StoredMessage): Promise<void> {
    await postgresTransaction(this.pool, async (client) => {
      await insertThread(client, thread)
      await insertMessage(client, first)
    })
  }

  async importThreads(threads: ThreadWithMessages[]): Promise<void> {
    await postgresTransaction(this.pool, async (client) => {
      for (const { thread, messages } of threads) {
        await insertThread(client, thread)
        for (const message of messages) await insertMessage(client, message)
      }
    })
  }

  async threads(conventionId: string): Promise<ThreadWithMessages[]> {
    return postgresTransaction(
      this.pool,
      async (client) => {
        const threads = await client.query<ThreadRow>('SELECT * FROM comment_threads WHERE convention_id = $1', [
          conventionId,
        ])
        const messages = await client.query<MessageRow>(
          `SELECT m.* FROM comment_messages m JOIN comment_threads t ON t.id = m.thread_id
           WHERE t.convention_id = $1 ORDER BY m.seq`,
          [conventionId],
        )
        return groupThreads(threads.rows.map(toThread), messages.rows.map(toMessage))
      },
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
    )
  }

  async plenaryThreads(conventionId: string, plenaryId: string): Promise<ThreadWithMessages[]> {
    return postgresTransaction(
      this.pool,
      async (client) => {
        const threads = await client.query<ThreadRow>(
          'SELECT * FROM comment_threads WHERE convention_id = $1 AND plenary_id = $2',
          [conventionId, plenaryId],
        )
        const messages = await client.query<MessageRow>(
          `SELECT m.* FROM comment_messages m JOIN comment_threads t ON t.id = m.thread_id
           WHERE t.convention_id = $1 AND t.plenary_id = $2 ORDER BY m.seq`,
          [conventionId, plenaryId],
        )
        return groupThreads(threads.rows.map(toThread), messages.rows.map(toMessage))
      },
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
    )
  }

  async threadsOnly(conventionId: string): Promise<StoredThread[]> {
    const { rows } = await this.pool.query<ThreadRow>('SELECT * FROM comment_threads WHERE convention_id = $1', [
      conventionId,
    ])
    return rows.map(toThread)
  }

  async thread(conventionId: string, threadId: string): Promise<ThreadWithMessages | null> {
    return postgresTransaction(
      this.pool,
      async (client) => {
        const { rows } = await client.query<ThreadRow>(
          'SELECT * FROM comment_threads WHERE convention_id = $1 AND id = $2',
          [conventionId, threadId],
        )
        if (!rows[0]) return null
        const messages = await client.query<MessageRow>(
          'SELECT * FROM comment_messages WHERE thread_id = $1 ORDER BY seq',
          [threadId],
        )
        return { thread: toThread(rows[0]), messages: messages.rows.map(toMessage) }
      },
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
    )
  }

  async addMessage(message: StoredMessage): Promise<void> {
    await insertMessage(this.pool, message)
  }

  async setStatus(threadId: string, status: ThreadStatus): Promise<void> {
    await this.pool.query('UPDATE comment_threads SET status = $1 WHERE id = $2', [status, threadId])
  }

  async editMessage(messageId: string, body: string, editedAt: string): Promise<void> {
    await this.pool.query('UPDATE comment_messages SET body = $1, edited_at = $2 WHERE id = $3', [
      body,
      editedAt,
      messageId,
    ])
  }

  async deleteMessage(messageId: string): Promise<void> {
    await this.pool.query("UPDATE comment_messages SET body = '', deleted = true WHERE id = $1", [messageId])
  }

  async setDetached(threadId: string, detached: boolean): Promise<boolean> {
    const result = await this.pool.query('UPDATE comment_threads SET detached = $1 WHERE id = $2 AND detached = $3', [
      detached,
      threadId,
      !detached,
    ])
    return (result.rowCount ?? 0) > 0
  }
}

async function insertThread(db: Queryable, t: StoredThread) {
  await db.query(
    `INSERT INTO comment_threads (id, convention_id, block_id, kind, field, quote, status, created_at, author_id, author_name, detached, plenary_id, hidden)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
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
      t.detached,
      t.plenaryId,
      t.hidden,
    ],
  )
}

async function insertMessage(db: Queryable, m: StoredMessage) {
  await db.query(
    `INSERT INTO comment_messages (id, thread_id, author_id, author_name, body, created_at, edited_at, deleted)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [m.id, m.threadId, m.authorId, m.authorName, m.body, m.createdAt, m.editedAt, m.deleted],
  )
}
