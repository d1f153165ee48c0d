import type { DatabaseSync } from 'node:sqlite'
import type { ActivityEntry, ActivityStore, NewActivity } from '../ActivityStore.js'
import { toActivity, type ActivityRow } from '../memberRow.js'
import type { SqliteWriter } from './SqliteWriter.js'

/**
 * The activity log in the SQLite file: INSERT and SELECT only. Appends go through the writer
 * thread (a durable commit waits for fsync; comments append often), reads stay here.
 */
export class SqliteActivityStore implements ActivityStore {
  constructor(
    private readonly db: DatabaseSync,
    private readonly writer: SqliteWriter,
  ) {}

  async append(entry: NewActivity): Promise<void> {
    await this.writer.statements([
      {
        sql: 'INSERT INTO activity (convention_id, at, user_id, user_name, action, detail) VALUES (?, ?, ?, ?, ?, ?)',
        params: [
          entry.conventionId,
          new Date().toISOString(),
          entry.userId,
          entry.userName,
          entry.action,
          JSON.stringify(entry.detail ?? {}),
        ],
      },
    ])
  }

  async list(conventionId: string, { before, limit }: { before?: number; limit: number }): Promise<ActivityEntry[]> {
    const rows = this.db
      .prepare('SELECT * FROM activity WHERE convention_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?')
      .all(conventionId, before ?? Number.MAX_SAFE_INTEGER, limit)
    return (rows as unknown as ActivityRow[]).map(toActivity)
  }
}
