import type { Role } from '@ctg/shared'
import type { InvitationPurpose, InvitationRecord } from './AccountStore.js'

/** An `invitations` row as either engine returns it. */
export interface InvitationRow {
  code_hash: string
  user_id: string
  convention_id: string | null
  role: string | null
  invited_by: string | null
  purpose: string
  created_at: string | Date
  expires_at: string | Date
  accepted_at: string | Date | null
}

export const INVITATION_COLUMNS =
  'code_hash, user_id, convention_id, role, invited_by, purpose, created_at, expires_at, accepted_at'

const isoDate = (value: string | Date) => (value instanceof Date ? value.toISOString() : value)

export function toInvitation(row: InvitationRow): InvitationRecord {
  return {
    codeHash: row.code_hash,
    userId: row.user_id,
    conventionId: row.convention_id,
    role: row.role as Role | null,
    invitedBy: row.invited_by,
    purpose: row.purpose as InvitationPurpose,
    createdAt: isoDate(row.created_at),
    expiresAt: isoDate(row.expires_at),
    acceptedAt: row.accepted_at === null ? null : isoDate(row.accepted_at),
  }
}
