import type pg from 'pg'
import type { AccountStore, InvitationRecord, NewInvitation, OidcIdentity } from '../AccountStore.js'
import { INVITATION_COLUMNS, toInvitation, type InvitationRow } from '../invitationRow.js'
import type { UserRecord } from '../MembershipStore.js'
import { toUser, USER_COLUMNS, type UserRow } from '../memberRow.js'
import { postgresTransaction } from './postgresTransaction.js'

/** Accounts, invitations and ended sessions in PostgreSQL. */
export class PostgresAccountStore implements AccountStore {
  constructor(private readonly pool: pg.Pool) {}

  async credentialsByEmail(email: string) {
    const { rows } = await this.pool.query<UserRow & { password_hash: string | null }>(
      `SELECT ${USER_COLUMNS}, u.password_hash FROM users u WHERE u.email = $1`,
      [email.toLowerCase()],
    )
    return rows[0] ? { user: toUser(rows[0]), passwordHash: rows[0].password_hash } : null
  }

  async userById(id: string): Promise<UserRecord | null> {
    const { rows } = await this.pool.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [id])
    return rows[0] ? toUser(rows[0]) : null
  }

  async hasAccount(userId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'SELECT 1 FROM users WHERE id = $1 AND (password_hash IS NOT NULL OR oidc_subject IS NOT NULL)',
      [userId],
    )
    return (rowCount ?? 0) > 0
  }

  async anyAccount(): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'SELECT 1 FROM users WHERE password_hash IS NOT NULL OR oidc_subject IS NOT NULL LIMIT 1',
    )
    return (rowCount ?? 0) > 0
  }

  async setPassword(userId: string, passwordHash: string, profile: { name?: string; email?: string } = {}) {
    await this.pool.query(
      'UPDATE users SET password_hash = $1, name = coalesce($2, name), email = coalesce($3, email) WHERE id = $4',
      [passwordHash, profile.name ?? null, profile.email?.toLowerCase() ?? null, userId],
    )
  }

  async userForOidc(identity: OidcIdentity, newId: string): Promise<UserRecord> {
    const email = identity.email.toLowerCase()
    return postgresTransaction(this.pool, async (client) => {
      // two first sign-ins of the same person at once: one waits for the other's row
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`oidc:${identity.subject}`])
      const bySubject = () =>
        client.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.oidc_subject = $1`, [identity.subject])
      const found = (await bySubject()).rows[0]
      if (found) return toUser(found)
      // ProConnect gives one subject per identity provider: the verified e-mail is the person
      const linked = await client.query<UserRow>(
        `UPDATE users u SET oidc_subject = $1 WHERE u.email = $2 RETURNING ${USER_COLUMNS}`,
        [identity.subject, email],
      )
      if (linked.rows[0]) return toUser(linked.rows[0])
      await client.query('INSERT INTO users (id, email, name, oidc_subject) VALUES ($1, $2, $3, $4)', [
        newId,
        email,
        identity.name,
        identity.subject,
      ])
      return toUser((await bySubject()).rows[0]!)
    })
  }

  async createInvitation(invitation: NewInvitation): Promise<void> {
    await this.pool.query(
      `INSERT INTO invitations (code_hash, user_id, convention_id, role, invited_by, purpose, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        invitation.codeHash,
        invitation.userId,
        invitation.conventionId,
        invitation.role,
        invitation.invitedBy,
        invitation.purpose,
        invitation.expiresAt,
      ],
    )
  }

  async invitation(codeHash: string): Promise<InvitationRecord | null> {
    const { rows } = await this.pool.query<InvitationRow>(
      `SELECT ${INVITATION_COLUMNS} FROM invitations WHERE code_hash = $1`,
      [codeHash],
    )
    return rows[0] ? toInvitation(rows[0]) : null
  }

  async acceptInvitation(codeHash: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'UPDATE invitations SET accepted_at = now() WHERE code_hash = $1 AND accepted_at IS NULL',
      [codeHash],
    )
    return (rowCount ?? 0) > 0
  }

  async endSession(sessionId: string, userId: string, expiresAt: Date): Promise<void> {
    // rows of sessions that would have expired anyway have nothing left to refuse
    await this.pool.query('DELETE FROM ended_sessions WHERE expires_at < now()')
    await this.pool.query(
      `INSERT INTO ended_sessions (session_id, user_id, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (session_id) DO NOTHING`,
      [sessionId, userId, expiresAt],
    )
  }

  async isSessionEnded(sessionId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM ended_sessions WHERE session_id = $1', [sessionId])
    return (rowCount ?? 0) > 0
  }

  async endedAmong(sessionIds: string[]): Promise<string[]> {
    if (sessionIds.length === 0) return []
    const { rows } = await this.pool.query<{ session_id: string }>(
      'SELECT session_id FROM ended_sessions WHERE session_id = ANY($1)',
      [sessionIds],
    )
    return rows.map((row) => row.session_id)
  }

  async recordSession(sessionId: string, userId: string, expiresAt: Date): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE expires_at < now()')
    await this.pool.query(
      'INSERT INTO sessions (session_id, user_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [sessionId, userId, expiresAt],
    )
  }

  async endAllSessions(userId: string, exceptSessionId?: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ session_id: string }>(
      `INSERT INTO ended_sessions (session_id, user_id, expires_at)
       SELECT session_id, user_id, expires_at FROM sessions
       WHERE user_id = $1 AND expires_at >= now() AND session_id <> $2
       ON CONFLICT (session_id) DO NOTHING
       RETURNING session_id`,
      [userId, exceptSessionId ?? ''],
    )
    return rows.map((row) => row.session_id)
  }
}
