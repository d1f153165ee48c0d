import type { PlenaryModeration } from '@ctg/shared'
import type { StoredParticipant, StoredPlenary } from './PlenaryStore.js'

/** A row of `plenaries` as either engine returns it. */
export interface PlenaryRow {
  id: string
  convention_id: string
  code: string
  title: string
  supports_per_participant: number
  moderation: string
  opened_at: string
  ends_at: string
  closed_at: string | null
  opened_by_id: string
  opened_by_name: string
}

export interface ParticipantRow {
  id: string
  plenary_id: string
  name: string
  token_hash: string
  joined_at: string
  excluded: number | boolean
}

export const toPlenary = (r: PlenaryRow): StoredPlenary => ({
  id: r.id,
  conventionId: r.convention_id,
  code: r.code,
  title: r.title,
  supportsPerParticipant: Number(r.supports_per_participant),
  moderation: r.moderation as PlenaryModeration,
  openedAt: r.opened_at,
  endsAt: r.ends_at,
  closedAt: r.closed_at,
  openedById: r.opened_by_id,
  openedByName: r.opened_by_name,
})

export const toParticipant = (r: ParticipantRow): StoredParticipant => ({
  id: r.id,
  plenaryId: r.plenary_id,
  name: r.name,
  tokenHash: r.token_hash,
  joinedAt: r.joined_at,
  excluded: Boolean(r.excluded),
})

export const plenaryParams = (p: StoredPlenary) => [
  p.id,
  p.conventionId,
  p.code,
  p.title,
  p.supportsPerParticipant,
  p.moderation,
  p.openedAt,
  p.endsAt,
  p.closedAt,
  p.openedById,
  p.openedByName,
]

export const PLENARY_COLUMNS =
  'id, convention_id, code, title, supports_per_participant, moderation, opened_at, ends_at, closed_at, opened_by_id, opened_by_name'
