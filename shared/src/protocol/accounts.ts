import type { Role } from '../access/roles.js'

/** Accounts and sign-in, as the HTTP API answers them (docs/api.md). */

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
