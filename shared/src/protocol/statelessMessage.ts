import { z } from 'zod'
import { accessMessageSchema } from '../access/roles.js'
import { deletedMessageSchema } from '../bin/conventionDeleted.js'
import { threadsMessageSchema } from '../comments/threadsMessage.js'
import { plenaryMessageSchema } from '../plenary/plenaryMessage.js'
import { frozenMessageSchema } from '../versions/versionModel.js'

/**
 * Every stateless message the server sends on `/collab` (JSON in Hocuspocus's stateless
 * message; the y-websocket door has none), told apart by `type`. Each is declared with its
 * capability; this is the one list, and the one parser the client uses.
 */
export const statelessMessageSchema = z.discriminatedUnion('type', [
  accessMessageSchema,
  deletedMessageSchema,
  frozenMessageSchema,
  threadsMessageSchema,
  plenaryMessageSchema,
])
export type StatelessMessage = z.infer<typeof statelessMessageSchema>

/** The message in a stateless payload, or null for one that is not JSON or not one of ours. */
export function parseStatelessMessage(payload: string): StatelessMessage | null {
  try {
    const parsed = statelessMessageSchema.safeParse(JSON.parse(payload))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}
