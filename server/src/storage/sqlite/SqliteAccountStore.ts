import type { DatabaseSync } from 'node:sqlite'
import type { AccountStore, InvitationRecord, NewInvitation, OidcIdentity } from '../AccountStore.js'
import { INVITATION_COLUMNS, toInvitation, type InvitationRow } from '../invitationRow.js'
import type { UserRecord } from '../MembershipStore.js'
import { toUser, USER_COLUMNS, type UserRow } from '../memberRow.js'
import { sqliteTransaction } from './sqliteTransaction.js'

/** Accounts, invitations and ended sessions in the SQLite file, on the main thread's connection. */
export class SqliteAccountStore implements AccountStore {
  constructor(private readonly db: DatabaseSync) {}

  async credentialsByEmail(email: string) {
    const row = this.db
      .prepare(`SELECT ${USER_COLUMNS}, u.password_hash FROM users u WHERE u.email = ?`)
      .get(email.toLowerCase()) as (UserRow & { password_hash: string | null }) | undefined
    return row ? { user: toUser(row), passwordHash: row.password_hash } : null
  }

  async userById(id: string): Promise<UserRecord | null> {
    const row = this.db.prepare(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = ?`).get(id)
    return row ? toUser(row as unknown as UserRow) : null
  }

  async hasAccount(userId: string): Promise<boolean> {
    const row = this.db
      .prepare('SELECT 1 FROM users WHERE id = ? AND (password_hash IS NOT NULL OR oidc_subject IS NOT NULL)')
      .get(userId)
    return row !== undefined
  }

  async anyAccount(): Promise<boolean> {
    const row = this.db
      .prepare('SELECT 1 FROM users WHERE password_hash IS NOT NULL OR oidc_subject IS NOT NULL LIMIT 1')
      .get()
    return row !== undefined
  }

  async setPassword(userId: string, passwordHash: string, profile: { name?: string; email?: string } = {}) {
    this.db
      .prepare(`UPDATE users SET password_hash = ?, name = coalesce(?, name), email = coalesce(?, email) WHERE id = ?`)
      .run(passwordHash, profile.name ?? null, profile.email?.toLowerCase() ?? null, userId)
  }

  async userForOidc(identity: OidcIdentity, newId: string): Promise<UserRecord> {
    return sqliteTransaction(this.db, () => {
      const email = identity.email.toLowerCase()
      const bySubject = this.db.prepare(`SELECT ${USER_COLUMNS} FROM users u WHERE u.oidc_subject = ?`)
      const found = bySubject.get(identity.subject) as UserRow | undefined
      if (found) return toUser(found)
      // ProConnect gives one subject per identity provider: the verified e-mail is the person
      const byEmail = this.db.prepare(`SELECT ${USER_COLUMNS} FROM users u WHERE u.email = ?`).get(email) as
        UserRow | undefined
      if (byEmail) {
        this.db.prepare('UPDATE users SET oidc_subject = ? WHERE id = ?').run(identity.subject, byEmail.id)
        return toUser(byEmail)
      }
      this.db
        .prepare('INSERT INTO users (id, email, name, oidc_subject, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(newId, email, identity.name, identity.subject, new Date().toISOString())
      return toUser(bySubject.get(identity.subject) as unknown as UserRow)
    })
  }

  async createInvitation(invitation: NewInvitation): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO invitations (code_hash, user_id, convention_id, role, invited_by, purpose, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        invitation.codeHash,
        invitation.userId,
        invitation.conventionId,
        invitation.role,
        invitation.invitedBy,
        invitation.purpose,
        new Date().toISOString(),
        invitation.expiresAt,
      )
  }

  async invitation(codeHash: string): Promise<InvitationRecord | null> {
    const row = this.db.prepare(`SELECT ${INVITATION_COLUMNS} FROM invitations WHERE code_hash = ?`).get(codeHash)
    return row ? toInvitation(row as unknown as InvitationRow) : null
  }

  async acceptInvitation(codeHash: string): Promise<boolean> {
    const { changes } = this.db
      .prepare('UPDATE invitations SET accepted_at = ? WHERE code_hash = ? AND accepted_at IS NULL')
      .run(new Date().toISOString(), codeHash)
    return changes > 0
  }

  async endSession(sessionId: string, userId: string, expiresAt: Date): Promise<void> {
    const now = new Date().toISOString()
    // rows of sessions that would have expired anyway have nothing left to refuse
    this.db.prepare('DELETE FROM ended_sessions WHERE expires_at < ?').run(now)
    this.db
      .prepare(
        `INSERT INTO ended_sessions (session_id, user_id, ended_at, expires_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (session_id) DO NOTHING`,
      )
      .run(sessionId, userId, now, expiresAt.toISOString())
  }

  async isSessionEnded(sessionId: string): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM ended_sessions WHERE session_id = ?').get(sessionId) !== undefined
  }

  async endedAmong(sessionIds: string[]): Promise<string[]> {
    if (sessionIds.length === 0) return []
    const rows = this.db
      .prepare(`SELECT session_id FROM ended_sessions WHERE session_id IN (${sessionIds.map(() => '?').join(',')})`)
      .all(...sessionIds) as { session_id: string }[]
    return rows.map((row) => row.session_id)
  }

  async recordSession(sessionId: string, userId: string, expiresAt: Date): Promise<void> {
    this.db.prepare('DELETE FROM sessions WHERE expires_at < ?').run(new Date().toISOString())
    this.db
      .prepare('INSERT INTO sessions (session_id, user_id, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
      .run(sessionId, userId, expiresAt.toISOString())
  }

  async endAllSessions(userId: string, exceptSessionId?: string): Promise<string[]> {
    const now = new Date().toISOString()
    const rows = this.db
      .prepare(
        `INSERT INTO ended_sessions (session_id, user_id, ended_at, expires_at)
         SELECT session_id, user_id, ?, expires_at FROM sessions
         WHERE user_id = ? AND expires_at >= ? AND session_id <> ?
         ON CONFLICT (session_id) DO NOTHING
         RETURNING session_id`,
      )
      .all(now, userId, now, exceptSessionId ?? '') as { session_id: string }[]
    return rows.map((row) => row.session_id)
  }
}
