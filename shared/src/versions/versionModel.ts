import { z } from 'zod'

/** The life of a convention, in order: a step may be skipped, never undone. */
export const CONVENTION_STATUSES = ['draft', 'validated', 'adopted', 'signed'] as const
export type ConventionStatus = (typeof CONVENTION_STATUSES)[number]

export const CONVENTION_STATUS_LABELS: Record<ConventionStatus, string> = {
  draft: 'Brouillon',
  validated: 'Validée en COPIL',
  adopted: 'Adoptée',
  signed: 'Signée',
}

/** From `adopted` on, nobody changes the content (Yjs and HTTP). */
export function isFrozen(status: ConventionStatus): boolean {
  return status === 'adopted' || status === 'signed'
}

export function statusRank(status: ConventionStatus): number {
  return CONVENTION_STATUSES.indexOf(status)
}

export const VERSION_KINDS = ['auto', 'named', 'status', 'restore'] as const
export type VersionKind = (typeof VERSION_KINDS)[number]

const sha256 = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .describe('SHA-256 of the UTF-8 RFC 8785 (JCS) form of the version JSON, lowercase hex')
const versionId = z.string().min(1).max(64)

/** A version of a convention, as the version list gives it (its content is served by the export route). */
export const versionSchema = z.object({
  id: versionId,
  name: z.string().nullable(),
  kind: z.enum(VERSION_KINDS),
  status: z.enum(CONVENTION_STATUSES),
  createdAt: z.iso.datetime({ offset: true }),
  author: z.object({ id: z.string(), name: z.string() }).nullable(),
  sha256,
  summary: z.string(),
})
export type Version = z.infer<typeof versionSchema>

/** A reference to one recorded version of a convention. */
export const versionRefSchema = z.object({ versionId, sha256 })
export const amendsSchema = z.object({ conventionId: z.string().min(1).max(64), versionId, sha256 })
export type VersionRef = z.infer<typeof versionRefSchema>
export type Amends = z.infer<typeof amendsSchema>

export const createVersionBody = z.strictObject({
  name: z.string().trim().min(1, 'name must not be empty').max(200),
})

export const statusBody = z.strictObject({ status: z.enum(['validated', 'adopted', 'signed']) })

const isoDate = z.iso.date().nullable()
export const signatoryPatchBody = z
  .strictObject({ deliberationDate: isoDate.optional(), signatureDate: isoDate.optional() })
  .refine((body) => body.deliberationDate !== undefined || body.signatureDate !== undefined, {
    message: 'give deliberationDate or signatureDate',
  })

/** The stateless message every connection of a frozen convention receives (it stays open, read-only). */
export interface FrozenMessage {
  type: 'frozen'
  status: ConventionStatus
}

export const frozenMessageSchema = z.object({ type: z.literal('frozen'), status: z.enum(CONVENTION_STATUSES) })
