import type pg from 'pg'
import { postgresTransaction } from '../storage/postgres/postgresTransaction.js'
import type { BinnedSummary, BinStore, BinUser, Deletion } from './BinStore.js'
import { BINNED_COLUMNS, toBinnedSummary, toDeletion, type BinnedRow, type DeletionRow } from './deletionRow.js'

/** The bin in PostgreSQL. */
export class PostgresBinStore implements BinStore {
  constructor(private readonly pool: pg.Pool) {}

  async moveToBin(conventionId: string, user: BinUser): Promise<boolean> {
    return postgresTransaction(this.pool, async (client) => {
      const { rowCount } = await client.query(
        // the server's clock, as the purge's cutoff
        'UPDATE conventions SET deleted_at = $3, deleted_by = $2 WHERE id = $1 AND deleted_at IS NULL',
        [conventionId, user.id, new Date()],
      )
      if (!rowCount) return false
      await log(client, conventionId, user, 'deleted')
      return true
    })
  }

  async restore(conventionId: string, user: BinUser): Promise<boolean> {
    return postgresTransaction(this.pool, async (client) => {
      const { rowCount } = await client.query(
        'UPDATE conventions SET deleted_at = NULL, deleted_by = NULL WHERE id = $1 AND deleted_at IS NOT NULL',
        [conventionId],
      )
      if (!rowCount) return false
      await log(client, conventionId, user, 'restored')
      return true
    })
  }

  async deletionOf(conventionId: string): Promise<Deletion | null> {
    const { rows } = await this.pool.query<DeletionRow>(
      `SELECT c.deleted_at, c.deleted_by, u.name AS deleted_by_name
       FROM conventions c LEFT JOIN users u ON u.id = c.deleted_by WHERE c.id = $1`,
      [conventionId],
    )
    return rows[0] ? toDeletion(rows[0]) : null
  }

  async ownedBy(userId: string): Promise<BinnedSummary[]> {
    const { rows } = await this.pool.query<BinnedRow>(
      `SELECT ${BINNED_COLUMNS}
       FROM conventions c
       JOIN memberships m ON m.convention_id = c.id AND m.user_id = $1 AND m.role = 'owner'
       LEFT JOIN users u ON u.id = c.deleted_by
       WHERE c.deleted_at IS NOT NULL ORDER BY c.deleted_at DESC`,
      [userId],
    )
    return rows.map(toBinnedSummary)
  }

  async purge(cutoff: Date): Promise<string[]> {
    return postgresTransaction(this.pool, async (client) => {
      // the log, memberships and invitations go with it (ON DELETE CASCADE); the activity
      // trigger lets a convention's entries go only once the convention is gone
      const { rows } = await client.query<{ id: string }>(
        'DELETE FROM conventions WHERE deleted_at IS NOT NULL AND deleted_at < $1 RETURNING id',
        [cutoff],
      )
      const ids = rows.map((row) => row.id)
      if (ids.length > 0) await client.query('DELETE FROM activity WHERE convention_id = ANY($1::text[])', [ids])
      return ids
    })
  }
}

function log(client: pg.PoolClient, conventionId: string, user: BinUser, action: 'deleted' | 'restored') {
  return client.query('INSERT INTO activity (convention_id, user_id, user_name, action) VALUES ($1, $2, $3, $4)', [
    conventionId,
    user.id,
    user.name,
    action,
  ])
}
