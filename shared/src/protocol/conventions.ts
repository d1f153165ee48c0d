import type { Role } from '../access/roles.js'
import type { Period } from '../export/conventionModel.js'

/** Conventions as the HTTP API lists and describes them (docs/api.md). */

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
