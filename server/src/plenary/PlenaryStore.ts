import type { ExportedPlenary, PlenaryModeration } from '@ctg/shared'

export interface StoredPlenary {
  id: string
  conventionId: string
  /** upper case, 6 characters of PLENARY_CODE_ALPHABET */
  code: string
  title: string
  supportsPerParticipant: number
  moderation: PlenaryModeration
  /** ISO 8601 (UTC, `toISOString`) */
  openedAt: string
  endsAt: string
  closedAt: string | null
  openedById: string
  openedByName: string
}

export interface StoredParticipant {
  id: string
  plenaryId: string
  /** as typed ("Anonyme" when none) */
  name: string
  /** sha256 of the token's secret part, hex */
  tokenHash: string
  joinedAt: string
  excluded: boolean
}

/** Why the database refused a change of supports (the message its triggers raise). */
export type SupportRefusal = 'support_budget' | 'plenary_closed' | 'participant_excluded'

export class SupportsRefused extends Error {
  constructor(readonly reason: SupportRefusal) {
    super(reason)
  }
}

/** The refusal a trigger raised, from the driver's error, or null. */
export function supportRefusalOf(error: unknown): SupportRefusal | null {
  const message = (error as Error | undefined)?.message ?? ''
  for (const reason of ['support_budget', 'plenary_closed', 'participant_excluded'] as const) {
    if (message.includes(reason)) return reason
  }
  return null
}

/**
 * Plénières, their participants and supports, in the convention's database. The support
 * budget and the closing are enforced by the database itself (triggers), so that no
 * interleaving of requests, on any number of processes, can pass them.
 */
export interface PlenaryStore {
  /** false when the code is taken (the caller draws another) */
  create(plenary: StoredPlenary): Promise<boolean>
  get(plenaryId: string): Promise<StoredPlenary | null>
  byCode(code: string): Promise<StoredPlenary | null>
  /** newest first */
  list(conventionId: string): Promise<StoredPlenary[]>
  /** participants who joined, per plénière */
  participantCounts(plenaryIds: string[]): Promise<Map<string, number>>
  /** true when this call closed it */
  close(plenaryId: string, closedAt: string): Promise<boolean>
  addParticipant(participant: StoredParticipant): Promise<void>
  participant(participantId: string): Promise<StoredParticipant | null>
  /** in the order they joined */
  participants(plenaryId: string): Promise<StoredParticipant[]>
  /** marks them excluded and hides their comments; true when this call excluded them */
  exclude(plenaryId: string, participantId: string): Promise<boolean>
  /**
   * Replaces the participant's supports with `blockIds` (distinct), in one transaction;
   * throws `SupportsRefused` and changes nothing past the budget, once closed, or excluded.
   */
  replaceSupports(plenaryId: string, participantId: string, blockIds: string[]): Promise<void>
  supportsOf(participantId: string): Promise<string[]>
  /** supports per fiche (fiches with none are absent) */
  supportCounts(plenaryId: string): Promise<Map<string, number>>
  /** a participant's thread shown or hidden; false when no such thread in that plénière */
  setHidden(plenaryId: string, threadId: string, hidden: boolean): Promise<boolean>
  /** plénière records brought by an import, kept as they were */
  importRecords(conventionId: string, records: ExportedPlenary[]): Promise<void>
  importedRecords(conventionId: string): Promise<ExportedPlenary[]>
}
