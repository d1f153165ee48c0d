import { z } from 'zod'

export const PLENARY_EVENTS = ['joined', 'commented', 'supported', 'moderated', 'excluded', 'closed'] as const
export type PlenaryEvent = (typeof PLENARY_EVENTS)[number]

/**
 * The stateless message the convention's members' `/collab` connections receive, on every
 * process, when something happens in one of its plénières: the facilitator's view reads
 * `GET …/plenaries/:plenaryId` again. Participants' connections get only `closed` (their
 * plénière) and `excluded` (themselves), right before their socket is closed.
 */
export const plenaryMessageSchema = z.strictObject({
  type: z.literal('plenary'),
  plenaryId: z.string(),
  event: z.enum(PLENARY_EVENTS),
})
export type PlenaryMessage = z.infer<typeof plenaryMessageSchema>

/** The participant credential's cookie (HttpOnly; the same value works as a bearer token). */
export const PARTICIPANT_COOKIE = 'ctg_participant'
/** Every participant token starts so (never a session token). */
export const PARTICIPANT_TOKEN_PREFIX = 'ctgp_'
