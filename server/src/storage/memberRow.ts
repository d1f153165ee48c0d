import type { OrganisationKind, Role } from '@ctg/shared'
import type { ActivityAction, ActivityEntry } from '@ctg/shared'
import { activityDetail } from './activityDetail.js'
import type { Member, UserRecord } from './MembershipStore.js'

/** A `users` row, joined with `memberships` for a member, as either engine returns it. */
export interface UserRow {
  id: string
  name: string
  email: string | null
  organisation_kind: string | null
  organisation_name: string | null
  role?: string
  granted_by?: string | null
  granted_at?: string | Date
}

export const USER_COLUMNS = 'u.id, u.name, u.email, u.organisation_kind, u.organisation_name'
export const MEMBER_COLUMNS = `${USER_COLUMNS}, m.role, m.granted_by, m.granted_at`

const isoDate = (value: string | Date) => (value instanceof Date ? value.toISOString() : value)

export function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    organisationKind: row.organisation_kind as OrganisationKind | null,
    organisationName: row.organisation_name,
  }
}

export function toMember(row: UserRow): Member {
  return {
    ...toUser(row),
    role: row.role as Role,
    grantedBy: row.granted_by ?? null,
    grantedAt: isoDate(row.granted_at!),
  }
}

export interface ActivityRow {
  seq: number | string
  convention_id: string
  at: string | Date
  user_id: string | null
  user_name: string | null
  action: string
  detail: string | Record<string, unknown>
}

export function toActivity(row: ActivityRow): ActivityEntry {
  const action = row.action as ActivityAction
  const detail = typeof row.detail === 'string' ? (JSON.parse(row.detail) as Record<string, unknown>) : row.detail
  return {
    seq: Number(row.seq),
    conventionId: row.convention_id,
    at: isoDate(row.at),
    userId: row.user_id,
    userName: row.user_name,
    action,
    detail: activityDetail(action, detail),
  } as ActivityEntry
}
