import { z } from 'zod'
import { anchorRequestSchema } from '../comments/threadBodies.js'
import { messageBodySchema } from '../comments/messageBody.js'

export const PLENARY_MODERATIONS = ['before', 'after'] as const
/** `after`: participants' comments are shown at once (and may be hidden); `before`: once the facilitator shows them. */
export type PlenaryModeration = (typeof PLENARY_MODERATIONS)[number]

export const DEFAULT_SUPPORTS_PER_PARTICIPANT = 3
/** A plénière ends by itself this long after it opens, unless `endsAt` says otherwise. */
export const DEFAULT_PLENARY_HOURS = 4
/** The longest a plénière may stay open. */
export const MAX_PLENARY_HOURS = 72
export const MAX_PLENARY_TITLE = 200
export const MAX_PARTICIPANT_NAME = 60
/** What a participant who gives no name is called. */
export const ANONYMOUS_PARTICIPANT = 'Anonyme'

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f]/
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const singleLine = (max: number, what: string) =>
  z
    .string()
    .max(max, `${what} must be at most ${max} characters`)
    .refine((s) => !CONTROLS.test(s), `${what} must be one line of plain text`)
    .refine((s) => !LONE_SURROGATE.test(s), `${what} must be valid Unicode`)

const blockId = z.string().min(1).max(64)

/** `POST /api/conventions/:id/plenaries` */
export const createPlenaryBodySchema = z.strictObject({
  title: singleLine(MAX_PLENARY_TITLE, 'title').refine((s) => s.trim().length > 0, 'title must not be empty'),
  supportsPerParticipant: z.number().int().min(0).max(50).default(DEFAULT_SUPPORTS_PER_PARTICIPANT),
  moderation: z.enum(PLENARY_MODERATIONS).default('after'),
  /** ISO 8601 with an offset, in the future; default: 4 hours after opening */
  endsAt: z.iso.datetime({ offset: true }).optional(),
})
export type CreatePlenaryBody = z.input<typeof createPlenaryBodySchema>

/** `POST /api/plenaries/:code/join`: the display name as typed; empty or only spaces is "Anonyme". */
export const joinPlenaryBodySchema = z.strictObject({
  name: singleLine(MAX_PARTICIPANT_NAME, 'name').optional(),
})
export type JoinPlenaryBody = z.infer<typeof joinPlenaryBodySchema>

/** `POST /api/plenaries/:code/comments`: anchors as in `POST …/threads` */
export const participantCommentBodySchema = z.strictObject({ anchor: anchorRequestSchema, body: messageBodySchema })
export type ParticipantCommentBody = z.infer<typeof participantCommentBodySchema>

/** `PUT /api/plenaries/:code/supports`: the participant's whole set (duplicates count once) */
export const supportsBodySchema = z.strictObject({ blockIds: z.array(blockId).max(200) })
export type SupportsBody = z.infer<typeof supportsBodySchema>

/** `PATCH /api/conventions/:id/plenaries/:plenaryId/comments/:threadId` */
export const moderateCommentBodySchema = z.strictObject({ hidden: z.boolean() })
export type ModerateCommentBody = z.infer<typeof moderateCommentBodySchema>

/**
 * `POST /api/conventions/:id/plenaries/:plenaryId/priorities`: writes the ranking into the
 * fiches' `priority`. `{}` ranks every supported fiche (1 = most supported) and clears the
 * others'; `blockIds` limits the change to those fiches.
 */
export const writePrioritiesBodySchema = z.strictObject({ blockIds: z.array(blockId).max(2000).optional() })
export type WritePrioritiesBody = z.infer<typeof writePrioritiesBodySchema>
