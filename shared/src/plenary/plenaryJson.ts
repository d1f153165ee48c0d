import { z } from 'zod'
import { threadAnchorSchema } from '../comments/threadJson.js'
import { PLENARY_MODERATIONS } from './plenaryBodies.js'

export const PLENARY_STATUSES = ['open', 'closed'] as const
export type PlenaryStatus = (typeof PLENARY_STATUSES)[number]

/** A plénière as its convention's members see it. */
export const plenarySchema = z.strictObject({
  id: z.string(),
  conventionId: z.string(),
  /** 6 characters of PLENARY_CODE_ALPHABET */
  code: z.string(),
  /** the phone's page: `<origin>/p/<code>` */
  joinUrl: z.string(),
  title: z.string(),
  supportsPerParticipant: z.number().int(),
  moderation: z.enum(PLENARY_MODERATIONS),
  /** `closed` once closed, or once `endsAt` has passed */
  status: z.enum(PLENARY_STATUSES),
  openedAt: z.string(),
  endsAt: z.string(),
  /** when it was closed (or ended: `endsAt`); null while open */
  closedAt: z.string().nullable(),
  openedBy: z.strictObject({ id: z.string(), name: z.string() }),
  /** participants who joined, excluded ones included */
  participantCount: z.number().int(),
})
export type Plenary = z.infer<typeof plenarySchema>

/** `POST /api/conventions/:id/plenaries` (201), `POST …/close` (200) */
export const plenaryResponseSchema = z.strictObject({ plenary: plenarySchema })
/** `GET /api/conventions/:id/plenaries`: newest first */
export const plenariesResponseSchema = z.strictObject({ plenaries: z.array(plenarySchema) })

/** `GET /api/plenaries/:code` (public): what the phone shows before joining */
export const publicPlenaryResponseSchema = z.strictObject({
  plenary: z.strictObject({ title: z.string(), conventionTitle: z.string(), status: z.enum(PLENARY_STATUSES) }),
})
export type PublicPlenaryResponse = z.infer<typeof publicPlenaryResponseSchema>

export const participantSchema = z.strictObject({ id: z.string(), name: z.string() })
export type Participant = z.infer<typeof participantSchema>

/** `POST /api/plenaries/:code/join` (200), with the cookie `ctg_participant` holding the same token */
export const joinPlenaryResponseSchema = z.strictObject({ participant: participantSchema, token: z.string() })
export type JoinPlenaryResponse = z.infer<typeof joinPlenaryResponseSchema>

/** `PUT /api/plenaries/:code/supports` (200): the fiches the participant supports now, and what is left */
export const supportsResponseSchema = z.strictObject({ supports: z.array(z.string()), remaining: z.number().int() })
export type SupportsResponse = z.infer<typeof supportsResponseSchema>

/** A participant's comment as the participants' page shows it (hidden ones are left out). */
export const plenaryCommentSchema = z.strictObject({
  threadId: z.string(),
  anchor: threadAnchorSchema,
  participant: participantSchema,
  body: z.string(),
  createdAt: z.string(),
  hidden: z.boolean(),
})
export type PlenaryComment = z.infer<typeof plenaryCommentSchema>

/**
 * `GET /api/plenaries/:code/me` (participant token): who the token is, the plénière, the
 * participant's supports and budget, and the comments shown (theirs included, even hidden).
 */
export const participantStateResponseSchema = z.strictObject({
  /** the convention's id: the name of the shared document the phone opens read-only on `/collab` */
  conventionId: z.string(),
  participant: participantSchema,
  plenary: z.strictObject({
    title: z.string(),
    conventionTitle: z.string(),
    status: z.enum(PLENARY_STATUSES),
    supportsPerParticipant: z.number().int(),
    endsAt: z.string(),
  }),
  supports: z.array(z.string()),
  remaining: z.number().int(),
  comments: z.array(plenaryCommentSchema),
})
export type ParticipantStateResponse = z.infer<typeof participantStateResponseSchema>

export const rankingEntrySchema = z.strictObject({ blockId: z.string(), supports: z.number().int() })
export type RankingEntry = z.infer<typeof rankingEntrySchema>

/** `GET /api/conventions/:id/plenaries/:plenaryId`: the facilitator's view */
export const plenaryDetailResponseSchema = z.strictObject({
  plenary: plenarySchema,
  participants: z.array(
    z.strictObject({ id: z.string(), name: z.string(), joinedAt: z.string(), excluded: z.boolean() }),
  ),
  /** every fiche, 0 included, highest first, ties in document order */
  ranking: z.array(rankingEntrySchema),
  /** in the order they were posted */
  comments: z.array(plenaryCommentSchema),
})
export type PlenaryDetailResponse = z.infer<typeof plenaryDetailResponseSchema>

/** `POST …/priorities` (200): the priority each fiche has now (null: none) */
export const prioritiesResponseSchema = z.strictObject({
  priorities: z.array(z.strictObject({ blockId: z.string(), priority: z.number().int().nullable() })),
})
export type PrioritiesResponse = z.infer<typeof prioritiesResponseSchema>
