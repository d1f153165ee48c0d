import type pg from 'pg'
import type { ActivityEntry, ActivityStore, NewActivity } from '../ActivityStore.js'
import { toActivity, type ActivityRow } from '../memberRow.js'

/** The activity log in PostgreSQL: INSERT and SELECT only. */
export class PostgresActivityStore implements ActivityStore {
  constructor(private readonly pool: pg.Pool) {}

  async append(entry: NewActivity): Promise<void> {
    await this.pool.query(
      'INSERT INTO activity (convention_id, user_id, user_name, action, detail) VALUES ($1, $2, $3, $4, $5)',
      [entry.conventionId, entry.userId, entry.userName, entry.action, JSON.stringify(entry.detail ?? {})],
    )
  }

  async list(conventionId: string, { before, limit }: { before?: number; limit: number }): Promise<ActivityEntry[]> {
    const { rows } = await this.pool.query<ActivityRow>(
      'SELECT * FROM activity WHERE convention_id = $1 AND ($2::bigint IS NULL OR seq < $2) ORDER BY seq DESC LIMIT $3',
      [conventionId, before ?? null, limit],
    )
    return rows.map(toActivity)
  }
}
