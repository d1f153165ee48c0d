import { CONVENTION_DELETED_ERROR } from '@ctg/shared'
import { HttpError } from '../http/HttpError.js'
import type { Deletion } from './BinStore.js'

/** The `410` of every route of a binned convention (restore excepted), to its members only. */
export function conventionDeletedError(deletion: Deletion): HttpError {
  return new HttpError(410, CONVENTION_DELETED_ERROR, 'the convention is in the bin', undefined, undefined, {
    deletedAt: deletion.deletedAt,
    deletedBy: deletion.deletedBy,
  })
}
