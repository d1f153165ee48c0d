import type { ConventionDeletion } from '@ctg/shared'
import type { ConventionSummary } from '../storage/ConventionStore.js'

/** A convention's stay in the bin, as stored (the purge date follows from the setting). */
export type Deletion = ConventionDeletion

/** Who moves a convention to the bin or out of it, as the activity log names them. */
export interface BinUser {
  id: string
  name: string
}

export type BinnedSummary = Omit<ConventionSummary, 'issues'> & Deletion

/**
 * The bin, in the conventions' own table (`deleted_at`, `deleted_by`): a binned convention
 * keeps its document, log, members and activity until it is purged, so restoring it
 * gives back exactly what there was.
 */
export interface BinStore {
  /**
   * Moves a convention to the bin and logs `deleted`, in one transaction (a sweep between the
   * two would leave the entry behind a purged convention); false when it is already there or
   * does not exist.
   */
  moveToBin(conventionId: string, user: BinUser): Promise<boolean>
  /** Takes it out of the bin and logs `restored`, in one transaction; false when it was not there. */
  restore(conventionId: string, user: BinUser): Promise<boolean>
  /** null when the convention is not in the bin (or does not exist). */
  deletionOf(conventionId: string): Promise<Deletion | null>
  /** The binned conventions `userId` owns, most recently binned first. */
  ownedBy(userId: string): Promise<BinnedSummary[]>
  /**
   * Deletes for good, in one transaction, the conventions binned before `cutoff` with their
   * log, memberships, invitations and activity; resolves with their ids.
   */
  purge(cutoff: Date): Promise<string[]>
}
