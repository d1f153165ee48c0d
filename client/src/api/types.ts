import type { OrganisationKind, Period, Role } from '@ctg/shared'

/** What the server answers; see server/src for the routes. */

export interface User {
  id: string
  name: string
  /** absent for people known only by name (before accounts) */
  email?: string | null
}

/** How people may sign in on this server (GET /api/auth/options). */
export interface AuthOptions {
  password: boolean
  /** an OpenID Connect provider such as ProConnect, with the name its button shows */
  oidc: { label: string } | null
}

/** A session: the bearer token, whose it is, and until when it is valid. */
export interface SignedIn {
  token: string
  user: User
  expiresAt: string
}

/** What an invitation link says before it is accepted (GET /api/invitations/:code). */
export interface Invitation {
  /** null for the administrator's first-start invitation: the person gives their e-mail */
  email: string | null
  name: string
  conventionId: string | null
  conventionTitle: string | null
  /** the name of the person who invited */
  invitedBy: string | null
  role: Role | null
  /** `reset`: a link for a forgotten password, made by an administrator */
  purpose: 'account' | 'reset'
  /** the person already has an account: they sign in instead (unless the link is a reset) */
  hasAccount: boolean
  expiresAt: string
}

export interface AcceptInvitation {
  name: string
  password: string
  email?: string
}

export type ActivityAction =
  'created' | 'opened' | 'changed' | 'shared' | 'role_changed' | 'revoked' | 'exported' | 'deleted' | 'restored'

/** One line of a convention's activity log (owners only). */
export interface ActivityEntry {
  seq: number
  conventionId: string
  at: string
  userId: string | null
  userName: string | null
  action: ActivityAction
  detail: Record<string, unknown>
}

export interface ActivityPage {
  activity: ActivityEntry[]
  /** pass as `before` for older entries; null when there are none */
  next: number | null
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
