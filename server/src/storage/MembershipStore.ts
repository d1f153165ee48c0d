import type { OrganisationKind, Role } from '@ctg/shared'
import type { Deletion } from '../bin/BinStore.js'

/** A person as the server knows them: from their token (id, name) or from an invitation by e-mail. */
export interface UserRecord {
  id: string
  name: string
  email: string | null
  organisationKind: OrganisationKind | null
  organisationName: string | null
}

export interface Member extends UserRecord {
  role: Role
  grantedBy: string | null
  grantedAt: string
}

export interface InvitedUser {
  email: string
  name: string
  organisationKind: OrganisationKind
  organisationName?: string | null
}

/** What a member may do on a convention, and whether it is in the bin (null: it is not). */
export interface ConventionAccess {
  role: Role
  deletion: Deletion | null
}

/** Refused because the convention would be left without an owner. */
export class LastOwnerError extends Error {
  constructor() {
    super('a convention keeps at least one owner')
  }
}

/**
 * Who may do what on which convention. The creator of a convention is made its owner by
 * `ConventionStore.create`, in the same transaction.
 */
export interface MembershipStore {
  /** Records the person behind a valid token (id and the name it carries). */
  rememberUser(user: { id: string; name: string }): Promise<void>
  /** The user with this e-mail (case-insensitive), created with a new id when there is none. */
  userByEmail(invited: InvitedUser, newId: string): Promise<UserRecord>
  roleOf(conventionId: string, userId: string): Promise<Role | null>
  /** The person's role and whether the convention is in the bin, in one read; null without a membership. */
  access(conventionId: string, userId: string): Promise<ConventionAccess | null>
  /** convention id → role, for every convention the person is a member of */
  rolesOf(userId: string): Promise<Map<string, Role>>
  members(conventionId: string): Promise<Member[]>
  /** Grants or changes a role; throws LastOwnerError when that would leave no owner. */
  setRole(conventionId: string, userId: string, role: Role, grantedBy: string): Promise<void>
  /** Revokes a membership (false when there was none); throws LastOwnerError for the last owner. */
  remove(conventionId: string, userId: string): Promise<boolean>
}
