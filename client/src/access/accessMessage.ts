import { isRole, type AccessMessage } from '@ctg/shared'

/** The server's `access` stateless message (a role change while the document is open), or null for any other. */
export function parseAccessMessage(payload: string): AccessMessage | null {
  try {
    const message = JSON.parse(payload) as { type?: unknown; role?: unknown }
    if (message.type !== 'access') return null
    if (message.role !== null && !isRole(message.role)) return null
    return { type: 'access', role: message.role }
  } catch {
    return null
  }
}
