import type { OrganisationKind } from '../access/organisationKinds.js'
import type { Role } from '../access/roles.js'

/** Members of a convention, as the HTTP API lists and adds them (docs/api.md). */

export interface Member {
  id: string
  name: string
  email: string | null
  organisationKind: OrganisationKind | null
  organisationName: string | null
  role: Role
}

export interface NewMember {
  email: string
  name: string
  organisationKind: OrganisationKind
  organisationName?: string
  role: Role
}
