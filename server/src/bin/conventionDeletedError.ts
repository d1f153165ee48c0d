import { CONVENTION_DELETED_ERROR, type Role } from '@ctg/shared'
import { HttpError } from '../http/HttpError.js'
import type { Deletion } from './BinStore.js'

/**
 * The `410` of every route of a binned convention (restore excepted), to its members only;
 * it says who binned it, when, and the caller's role (an owner may restore it).
 */
export function conventionDeletedError(deletion: Deletion, role: Role): HttpError {
  return new HttpError(410, CONVENTION_DELETED_ERROR, 'the convention is in the bin', undefined, undefined, {
    deletedAt: deletion.deletedAt,
    deletedBy: deletion.deletedBy,
    role,
  })
}
