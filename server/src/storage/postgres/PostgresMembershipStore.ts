import type { Role } from '@ctg/shared'
import type pg from 'pg'
import {
  LastOwnerError,
  type ConventionAccess,
  type InvitedUser,
  type Member,
  type MembershipStore,
  type UserRecord,
} from '../MembershipStore.js'
import { toDeletion, type DeletionRow } from '../../bin/deletionRow.js'
import { MEMBER_COLUMNS, toMember, toUser, USER_COLUMNS, type UserRow } from '../memberRow.js'
import { postgresTransaction } from './postgresTransaction.js'

/** Users and memberships in PostgreSQL. */
export class PostgresMembershipStore implements MembershipStore {
  /** id → name already recorded, so that a request does not write when nothing changed */
  private readonly known = new Map<string, string>()

  constructor(private readonly pool: pg.Pool) {}

  async rememberUser(user: { id: string; name: string }): Promise<void> {
    if (this.known.get(user.id) === user.name) return
    await this.pool.query(
      'INSERT INTO users (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = excluded.name',
      [user.id, user.name],
    )
    this.known.set(user.id, user.name)
  }

  async userByEmail(invited: InvitedUser, newId: string): Promise<UserRecord> {
    const email = invited.email.toLowerCase()
    // ON CONFLICT: two owners inviting the same address at once get the same user
    await this.pool.query(
      `INSERT INTO users (id, email, name, organisation_kind, organisation_name) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (email) DO NOTHING`,
      [newId, email, invited.name, invited.organisationKind, invited.organisationName ?? null],
    )
    const { rows } = await this.pool.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.email = $1`, [email])
    return toUser(rows[0]!)
  }

  async roleOf(conventionId: string, userId: string): Promise<Role | null> {
    const { rows } = await this.pool.query<{ role: Role }>(
      'SELECT role FROM memberships WHERE convention_id = $1 AND user_id = $2',
      [conventionId, userId],
    )
    return rows[0]?.role ?? null
  }

  async access(conventionId: string, userId: string): Promise<ConventionAccess | null> {
    const { rows } = await this.pool.query<DeletionRow & { role: Role }>(
      `SELECT m.role, c.deleted_at, c.deleted_by, u.name AS deleted_by_name
       FROM memberships m JOIN conventions c ON c.id = m.convention_id LEFT JOIN users u ON u.id = c.deleted_by
       WHERE m.convention_id = $1 AND m.user_id = $2`,
      [conventionId, userId],
    )
    const row = rows[0]
    return row ? { role: row.role, deletion: toDeletion(row) } : null
  }

  async rolesOf(userId: string): Promise<Map<string, Role>> {
    const { rows } = await this.pool.query<{ convention_id: string; role: Role }>(
      'SELECT convention_id, role FROM memberships WHERE user_id = $1',
      [userId],
    )
    return new Map(rows.map((r) => [r.convention_id, r.role]))
  }

  async members(conventionId: string): Promise<Member[]> {
    const { rows } = await this.pool.query<UserRow>(
      `SELECT ${MEMBER_COLUMNS} FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.convention_id = $1 ORDER BY m.granted_at, u.name`,
      [conventionId],
    )
    return rows.map(toMember)
  }

  async setRole(conventionId: string, userId: string, role: Role, grantedBy: string): Promise<void> {
    await postgresTransaction(this.pool, async (client) => {
      await this.lockConvention(client, conventionId)
      await client.query(
        `INSERT INTO memberships (convention_id, user_id, role, granted_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (convention_id, user_id) DO UPDATE SET role = excluded.role,
           granted_by = excluded.granted_by, granted_at = now()`,
        [conventionId, userId, role, grantedBy],
      )
      await this.keepAnOwner(client, conventionId)
    })
  }

  async remove(conventionId: string, userId: string): Promise<boolean> {
    return postgresTransaction(this.pool, async (client) => {
      await this.lockConvention(client, conventionId)
      const { rowCount } = await client.query('DELETE FROM memberships WHERE convention_id = $1 AND user_id = $2', [
        conventionId,
        userId,
      ])
      await this.keepAnOwner(client, conventionId)
      return (rowCount ?? 0) > 0
    })
  }

  /** Two owners demoting each other at once must not both succeed: membership changes of a convention queue up. */
  private async lockConvention(client: pg.PoolClient, conventionId: string) {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`memberships:${conventionId}`])
  }

  private async keepAnOwner(client: pg.PoolClient, conventionId: string) {
    const { rows } = await client.query<{ owners: string }>(
      "SELECT count(*) AS owners FROM memberships WHERE convention_id = $1 AND role = 'owner'",
      [conventionId],
    )
    if (Number(rows[0]!.owners) === 0) throw new LastOwnerError()
  }
}
