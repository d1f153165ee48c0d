import { z } from 'zod'

/** What a person may do on one convention, from most to least. */
export const ROLES = ['owner', 'editor', 'commenter', 'reader'] as const
export type Role = (typeof ROLES)[number]

/** The names people read in the interface. */
export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Propriétaire',
  editor: 'Rédacteur',
  commenter: 'Commentateur',
  reader: 'Lecteur',
}

/** Roles that may change the document itself (a commenter only comments, once comments exist). */
export function canEdit(role: Role | null | undefined): boolean {
  return role === 'owner' || role === 'editor'
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

/** The stateless message a connection receives when its role changes (`null`: access revoked). */
export const accessMessageSchema = z.strictObject({ type: z.literal('access'), role: z.enum(ROLES).nullable() })
export type AccessMessage = z.infer<typeof accessMessageSchema>
