import type { Period } from '../export/conventionModel.js'
import type { ConventionDeletion } from './conventionDeleted.js'

/** One convention of `GET /api/conventions?bin=1`: the caller owns it, and it is in the bin. */
export interface BinnedConvention extends ConventionDeletion {
  id: string
  title: string
  period: Period
  createdAt: string
  updatedAt: string
  createdBy: string
  /** when the sweep deletes it for good: `deletedAt` plus `BIN_RETENTION_DAYS` */
  purgeAt: string
}
