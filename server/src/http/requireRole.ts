import type { Role } from '@ctg/shared'
import { conventionDeletedError } from '../bin/conventionDeletedError.js'
import type { MembershipStore } from '../storage/MembershipStore.js'
import type { ApiRequest } from './ApiRequest.js'
import { HttpError } from './HttpError.js'

/**
 * The caller's role on the convention, when it is one of `allowed` (every role when omitted).
 * No membership is 404, as for an unknown id, so that existence does not leak; a convention
 * in the bin is 410 `convention_deleted` to its members, whatever their role; a membership
 * whose role is not enough is 403.
 */
export async function requireRole(
  members: MembershipStore,
  request: ApiRequest,
  conventionId: string,
  allowed?: readonly Role[],
): Promise<Role> {
  const access = await members.access(conventionId, request.user.id)
  if (!access) throw new HttpError(404, 'not_found', 'no such convention')
  if (access.deletion) throw conventionDeletedError(access.deletion, access.role)
  const { role } = access
  if (allowed && !allowed.includes(role)) {
    throw new HttpError(403, 'forbidden', `the ${role} role does not allow this (needs ${allowed.join(' or ')})`)
  }
  return role
}
