import type { OrganisationKind, Period, Role } from '@ctg/shared'

/** What the server answers; see server/src for the routes. */

export interface User {
  id: string
  name: string
}

export interface ConventionSummary {
  id: string
  /** what the signed-in person may do on it */
  role?: Role
  title: string
  period: Period
  createdAt: string
  updatedAt: string
  /** number of schema problems the server found in the stored document */
  issues: number
}

export interface Issue {
  path: string
  message: string
}

export interface ConventionDetails extends Omit<ConventionSummary, 'issues'> {
  issues: Issue[]
}

export type NewConventionRequest =
  { title: string; template: 'national' | 'blank'; period?: Period } | { convention: unknown }

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
