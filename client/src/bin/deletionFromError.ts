import { CONVENTION_DELETED_ERROR, isRole, type ConventionDeletion, type Role } from '@ctg/shared'
import { ApiError } from '../api/ApiError.js'

/** Who binned the convention and when, from the `410 convention_deleted` answer; null for any other error. */
export function deletionFromError(error: unknown): (ConventionDeletion & { role: Role | null }) | null {
  if (!(error instanceof ApiError) || error.code !== CONVENTION_DELETED_ERROR) return null
  const { deletedAt, deletedBy, role } = error.details as {
    deletedAt?: unknown
    deletedBy?: { id?: unknown; name?: unknown }
    role?: unknown
  }
  return {
    role: isRole(role) ? role : null,
    deletedAt: typeof deletedAt === 'string' ? deletedAt : '',
    deletedBy:
      deletedBy && typeof deletedBy.id === 'string' && typeof deletedBy.name === 'string'
        ? { id: deletedBy.id, name: deletedBy.name }
        : null,
  }
}
