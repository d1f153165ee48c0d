import type { DatabaseSync } from 'node:sqlite'
import type { ActivityEntry, ActivityStore, NewActivity } from './ActivityStore.js'
import { toActivity, type ActivityRow } from './memberRow.js'

/** The activity log in the SQLite file: INSERT and SELECT only. */
export class SqliteActivityStore implements ActivityStore {
  constructor(private readonly db: DatabaseSync) {}

  async append(entry: NewActivity): Promise<void> {
    this.db
      .prepare('INSERT INTO activity (convention_id, at, user_id, user_name, action, detail) VALUES (?, ?, ?, ?, ?, ?)')
      .run(
        entry.conventionId,
        new Date().toISOString(),
        entry.userId,
        entry.userName,
        entry.action,
        JSON.stringify(entry.detail ?? {}),
      )
  }

  async list(conventionId: string, { before, limit }: { before?: number; limit: number }): Promise<ActivityEntry[]> {
    const rows = this.db
      .prepare('SELECT * FROM activity WHERE convention_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?')
      .all(conventionId, before ?? Number.MAX_SAFE_INTEGER, limit)
    return (rows as unknown as ActivityRow[]).map(toActivity)
  }
}
