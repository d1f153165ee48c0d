import type { DatabaseSync, StatementSync } from 'node:sqlite'
import { sqliteTransaction } from '../storage/sqlite/sqliteTransaction.js'
import type { BinnedSummary, BinStore, BinUser, Deletion } from './BinStore.js'
import { BINNED_COLUMNS, toBinnedSummary, toDeletion, type BinnedRow, type DeletionRow } from './deletionRow.js'

/** The bin in the SQLite file, on the main thread's connection (rare, small writes). */
export class SqliteBinStore implements BinStore {
  /** prepared once: every participant request checks that its convention is not in the bin */
  private deletion: StatementSync | undefined

  constructor(private readonly db: DatabaseSync) {}

  async moveToBin(conventionId: string, user: BinUser): Promise<boolean> {
    return sqliteTransaction(this.db, () => {
      const now = new Date().toISOString()
      const { changes } = this.db
        .prepare('UPDATE conventions SET deleted_at = ?, deleted_by = ? WHERE id = ? AND deleted_at IS NULL')
        .run(now, user.id, conventionId)
      if (Number(changes) === 0) return false
      this.log(conventionId, now, user, 'deleted')
      return true
    })
  }

  async restore(conventionId: string, user: BinUser): Promise<boolean> {
    return sqliteTransaction(this.db, () => {
      const { changes } = this.db
        .prepare('UPDATE conventions SET deleted_at = NULL, deleted_by = NULL WHERE id = ? AND deleted_at IS NOT NULL')
        .run(conventionId)
      if (Number(changes) === 0) return false
      this.log(conventionId, new Date().toISOString(), user, 'restored')
      return true
    })
  }

  private log(conventionId: string, at: string, user: BinUser, action: 'deleted' | 'restored') {
    this.db
      .prepare(
        "INSERT INTO activity (convention_id, at, user_id, user_name, action, detail) VALUES (?, ?, ?, ?, ?, '{}')",
      )
      .run(conventionId, at, user.id, user.name, action)
  }

  async deletionOf(conventionId: string): Promise<Deletion | null> {
    this.deletion ??= this.db.prepare(
      `SELECT c.deleted_at, c.deleted_by, u.name AS deleted_by_name
       FROM conventions c LEFT JOIN users u ON u.id = c.deleted_by WHERE c.id = ?`,
    )
    const row = this.deletion.get(conventionId) as DeletionRow | undefined
    return row ? toDeletion(row) : null
  }

  async ownedBy(userId: string): Promise<BinnedSummary[]> {
    const rows = this.db
      .prepare(
        `SELECT ${BINNED_COLUMNS}
         FROM conventions c
         JOIN memberships m ON m.convention_id = c.id AND m.user_id = ? AND m.role = 'owner'
         LEFT JOIN users u ON u.id = c.deleted_by
         WHERE c.deleted_at IS NOT NULL ORDER BY c.deleted_at DESC`,
      )
      .all(userId) as unknown as BinnedRow[]
    return rows.map(toBinnedSummary)
  }

  async purge(cutoff: Date): Promise<string[]> {
    return sqliteTransaction(this.db, () => {
      const ids = (
        this.db
          .prepare('SELECT id FROM conventions WHERE deleted_at IS NOT NULL AND deleted_at < ?')
          .all(cutoff.toISOString()) as { id: string }[]
      ).map((row) => row.id)
      for (const id of ids) {
        // the log, memberships and invitations go with it (ON DELETE CASCADE); the activity
        // trigger lets a convention's entries go only once the convention is gone
        this.db.prepare('DELETE FROM conventions WHERE id = ?').run(id)
        this.db.prepare('DELETE FROM activity WHERE convention_id = ?').run(id)
      }
      return ids
    })
  }
}
