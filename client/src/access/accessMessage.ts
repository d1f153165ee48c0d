import type { Role } from '../api/types.js'

/**
 * The server's stateless message when the person's role on the open convention
 * changes: a new role, or null when the access is revoked (the server then closes).
 */
export interface AccessMessage {
  type: 'access'
  role: Role | null
}

const ROLES: readonly string[] = ['owner', 'editor', 'commenter', 'reader']

export function parseAccessMessage(payload: string): AccessMessage | null {
  try {
    const message = JSON.parse(payload) as { type?: unknown; role?: unknown }
    if (message.type !== 'access') return null
    if (message.role !== null && !ROLES.includes(message.role as string)) return null
    return { type: 'access', role: message.role as Role | null }
  } catch {
    return null
  }
}
