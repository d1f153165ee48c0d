import type { DatabaseSync } from 'node:sqlite'
import type { Role } from '@ctg/shared'
import {
  LastOwnerError,
  type InvitedUser,
  type ConventionAccess,
  type Member,
  type MembershipStore,
  type UserRecord,
} from '../MembershipStore.js'
import { toDeletion, type DeletionRow } from '../../bin/deletionRow.js'
import { MEMBER_COLUMNS, toMember, toUser, USER_COLUMNS, type UserRow } from '../memberRow.js'
import { sqliteTransaction } from './sqliteTransaction.js'

/** Users and memberships in the SQLite file, on the main thread's connection (small, rare writes). */
export class SqliteMembershipStore implements MembershipStore {
  /** id → name already recorded, so that a request does not write when nothing changed */
  private readonly known = new Map<string, string>()

  constructor(private readonly db: DatabaseSync) {}

  async rememberUser(user: { id: string; name: string }): Promise<void> {
    if (this.known.get(user.id) === user.name) return
    this.db
      .prepare(
        `INSERT INTO users (id, name, created_at) VALUES (?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name`,
      )
      .run(user.id, user.name, new Date().toISOString())
    this.known.set(user.id, user.name)
  }

  async userByEmail(invited: InvitedUser, newId: string): Promise<UserRecord> {
    return sqliteTransaction(this.db, () => {
      const email = invited.email.toLowerCase()
      const found = this.db.prepare(`SELECT ${USER_COLUMNS} FROM users u WHERE u.email = ?`).get(email)
      if (found) return toUser(found as unknown as UserRow)
      this.db
        .prepare(
          'INSERT INTO users (id, email, name, organisation_kind, organisation_name, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(
          newId,
          email,
          invited.name,
          invited.organisationKind,
          invited.organisationName ?? null,
          new Date().toISOString(),
        )
      return {
        id: newId,
        email,
        name: invited.name,
        organisationKind: invited.organisationKind,
        organisationName: invited.organisationName ?? null,
      }
    })
  }

  async roleOf(conventionId: string, userId: string): Promise<Role | null> {
    const row = this.db
      .prepare('SELECT role FROM memberships WHERE convention_id = ? AND user_id = ?')
      .get(conventionId, userId) as { role: Role } | undefined
    return row?.role ?? null
  }

  async access(conventionId: string, userId: string): Promise<ConventionAccess | null> {
    const row = this.db
      .prepare(
        `SELECT m.role, c.deleted_at, c.deleted_by, u.name AS deleted_by_name
         FROM memberships m JOIN conventions c ON c.id = m.convention_id LEFT JOIN users u ON u.id = c.deleted_by
         WHERE m.convention_id = ? AND m.user_id = ?`,
      )
      .get(conventionId, userId) as (DeletionRow & { role: Role }) | undefined
    return row ? { role: row.role, deletion: toDeletion(row) } : null
  }

  async rolesOf(userId: string): Promise<Map<string, Role>> {
    const rows = this.db.prepare('SELECT convention_id, role FROM memberships WHERE user_id = ?').all(userId) as {
      convention_id: string
      role: Role
    }[]
    return new Map(rows.map((r) => [r.convention_id, r.role]))
  }

  async members(conventionId: string): Promise<Member[]> {
    const rows = this.db
      .prepare(
        `SELECT ${MEMBER_COLUMNS} FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.convention_id = ? ORDER BY m.granted_at, u.name`,
      )
      .all(conventionId)
    return (rows as unknown as UserRow[]).map(toMember)
  }

  async setRole(conventionId: string, userId: string, role: Role, grantedBy: string): Promise<void> {
    sqliteTransaction(this.db, () => {
      this.db
        .prepare(
          `INSERT INTO memberships (convention_id, user_id, role, granted_by, granted_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (convention_id, user_id) DO UPDATE SET role = excluded.role,
             granted_by = excluded.granted_by, granted_at = excluded.granted_at`,
        )
        .run(conventionId, userId, role, grantedBy, new Date().toISOString())
      this.keepAnOwner(conventionId)
    })
  }

  async remove(conventionId: string, userId: string): Promise<boolean> {
    return sqliteTransaction(this.db, () => {
      const { changes } = this.db
        .prepare('DELETE FROM memberships WHERE convention_id = ? AND user_id = ?')
        .run(conventionId, userId)
      this.keepAnOwner(conventionId)
      return changes > 0
    })
  }

  /** Inside the transaction: throwing rolls the change back. */
  private keepAnOwner(conventionId: string) {
    const row = this.db
      .prepare("SELECT count(*) AS owners FROM memberships WHERE convention_id = ? AND role = 'owner'")
      .get(conventionId) as { owners: number }
    if (row.owners === 0) throw new LastOwnerError()
  }
}
