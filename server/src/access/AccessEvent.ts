import { CONVENTION_STATUSES, PLENARY_EVENTS, THREAD_EVENTS } from '@ctg/shared'
import { z } from 'zod'

/**
 * What the access bus carries between processes: a membership that changed (already
 * committed; each process reads the new role from the database, so two changes published
 * out of order still end on the stored one), a session that was signed out, or a convention
 * moved to the bin.
 */
export const accessEventSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('membershipChanged'),
    conventionId: z.string().min(1).max(64),
    userId: z.string().min(1).max(200),
  }),
  z.strictObject({ type: z.literal('sessionEnded'), sessionId: z.string().min(1).max(200) }),
  // moved to the bin (already committed): each process reads the bin and closes that convention's connections
  z.strictObject({ type: z.literal('conventionDeleted'), conventionId: z.string().min(1).max(64) }),
  // a comment thread changed (already committed): every connection of the convention is told
  z.strictObject({
    type: z.literal('threads'),
    conventionId: z.string().min(1).max(64),
    event: z.enum(THREAD_EVENTS),
    threadId: z.string().min(1).max(64),
  }),
  // something happened in a plénière (committed): members are told; closing and exclusion cut participants off
  z.strictObject({
    type: z.literal('plenary'),
    conventionId: z.string().min(1).max(64),
    plenaryId: z.string().min(1).max(64),
    event: z.enum(PLENARY_EVENTS),
    participantId: z.string().min(1).max(64).optional(),
  }),
  // adopted or signed (already committed): every connection of the convention becomes read-only
  z.strictObject({
    type: z.literal('frozen'),
    conventionId: z.string().min(1).max(64),
    status: z.enum(CONVENTION_STATUSES),
  }),
])

export type AccessEvent = z.infer<typeof accessEventSchema>

export type PlenaryAccessEvent = Extract<AccessEvent, { type: 'plenary' }>
