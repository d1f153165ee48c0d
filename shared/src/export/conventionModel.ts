import { z } from 'zod'
import {
  CIVILITIES,
  FOLLOW_UP_STATUSES,
  HEADING_LEVELS,
  INDICATOR_KINDS,
  SIGNATORY_KINDS,
  THEMES,
} from '../schema/vocabulary.js'
import { parseCellValue } from '../values/cellValue.js'
import { amendmentsSchema } from '../versions/conventionChange.js'
import { amendsSchema, CONVENTION_STATUSES, versionRefSchema } from '../versions/versionModel.js'

/**
 * The structured convention: the archived, exported and importable form.
 * The JSON Schema served at /api/schema/convention.json is generated from these
 * zod schemas (see `conventionJsonSchema.ts`), never written by hand.
 */

export const CONVENTION_FORMAT = 'ctg-convention'
export const CONVENTION_FORMAT_VERSION = 1

const id = z.string().min(1).max(64).describe('Stable identifier, kept across edits and exports')
const year = z.number().int().min(1990).max(2100)
const text = z.string().max(100_000)
const isoDate = z.iso.date().describe('Date as YYYY-MM-DD')

export const periodSchema = z
  .object({ start: year, end: year })
  .refine((p) => p.end >= p.start && p.end - p.start <= 15, {
    message: 'end must be on or after start, within 15 years',
    path: ['end'],
  })

export const cellSchema = z
  .object({
    text: z.string().max(200),
    value: z.number().nullable().describe('The number read from text, or null'),
    unit: z.string().nullable().describe('What follows the number in text, or null'),
  })
  .superRefine((cell, ctx) => {
    const parsed = parseCellValue(cell.text)
    if (parsed.value !== cell.value || parsed.unit !== cell.unit) {
      ctx.addIssue({
        code: 'custom',
        message: `value and unit must be those read from text "${cell.text}" (value ${parsed.value}, unit ${parsed.unit})`,
      })
    }
  })

export const headingSchema = z.object({
  type: z.literal('heading'),
  level: z.union(HEADING_LEVELS.map((l) => z.literal(l))),
  text,
})

export const paragraphSchema = z.object({ type: z.literal('paragraph'), text })

export const listItemSchema = z.object({
  text,
  get sublist(): z.ZodOptional<typeof listSchema> {
    return listSchema.optional()
  },
})
export const listSchema = z.object({
  type: z.literal('list'),
  ordered: z.boolean(),
  get items(): z.ZodArray<typeof listItemSchema> {
    return z.array(listItemSchema)
  },
})
export type ListItem = z.infer<typeof listItemSchema>
export type List = z.infer<typeof listSchema>

export const keyActionSchema = z.object({
  id,
  number: z.string().describe('Numbered from the fiche: 3.1, 3.2 …'),
  label: text,
  pilot: text,
  deadline: year.nullable(),
  status: z.enum(FOLLOW_UP_STATUSES),
})

export const ficheActionSchema = z.object({
  type: z.literal('ficheAction'),
  id,
  number: z.number().int().min(1).describe('Position of the fiche among the fiches, in document order'),
  title: text,
  theme: z.object({ code: z.enum(THEMES).nullable(), label: text }),
  objective: text,
  keyActions: z.array(keyActionSchema),
  expectedResult: text,
  targetAudience: text,
  territory: text,
  partners: z.array(text),
  pilot: text,
  funding: text,
  schedule: z.object({ startYear: year.nullable(), endYear: year.nullable() }),
  indicators: z.object({ items: z.array(text), tableId: id.nullable() }),
  status: z.enum(FOLLOW_UP_STATUSES),
  priority: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .optional()
    .describe('Priority given by a plénière ranking (1 = first); absent when none'),
})

export const indicatorYearSchema = z.object({ year, target: cellSchema, reached: cellSchema })

export const indicatorRowSchema = z.object({
  id,
  label: text,
  kind: z.enum(INDICATOR_KINDS),
  unit: text,
  source: text,
  baseline: z.object({ year: year.nullable(), cell: cellSchema }),
  years: z.array(indicatorYearSchema),
})

export const indicatorTableSchema = z
  .object({
    type: z.literal('indicatorTable'),
    id,
    title: text,
    period: periodSchema,
    rows: z.array(indicatorRowSchema),
  })
  .superRefine((table, ctx) => {
    const expected = yearsOf(table.period)
    table.rows.forEach((row, r) => {
      const got = row.years.map((y) => y.year)
      if (got.length !== expected.length || got.some((y, i) => y !== expected[i])) {
        ctx.addIssue({
          code: 'custom',
          path: ['rows', r, 'years'],
          message: `each row must have one entry per year of the period, in order: ${expected.join(', ')}`,
        })
      }
    })
  })

export const signatorySchema = z.object({
  id,
  organisation: text,
  kind: z.enum(SIGNATORY_KINDS),
  function: text,
  civility: z.enum(CIVILITIES).nullable(),
  name: text,
  mandate: z.object({ deliberation: text, date: isoDate.nullable() }),
  place: text,
  signatureDate: isoDate.nullable(),
  signed: z.boolean(),
})

export const signatoryBlockSchema = z.object({
  type: z.literal('signatoryBlock'),
  id,
  signatories: z.array(signatorySchema),
})

export const blockSchema = z.discriminatedUnion('type', [
  headingSchema,
  paragraphSchema,
  listSchema,
  ficheActionSchema,
  indicatorTableSchema,
  signatoryBlockSchema,
])

const commentAuthor = z.object({ id: z.string().min(1).max(200), name: z.string().max(200) })
const instant = z.iso.datetime({ offset: true }).describe('ISO 8601 date and time')

/** A message of a comment thread; a deleted (moderated) message keeps its place with an empty body. */
export const exportedCommentMessageSchema = z.object({
  id: z.string().min(1).max(64),
  author: commentAuthor,
  body: z.string().max(20_000).describe('Plain text with line breaks, exactly as typed'),
  createdAt: instant,
  editedAt: instant.nullable(),
  deleted: z.boolean(),
})

/**
 * A comment thread and where it is. A passage is found again from `blockId` (its innermost
 * block or entry; null in free text, where the container is the whole document), `offset`
 * (characters of the container's text before the passage, text nodes in document order,
 * line breaks not counted) and `length` (characters the passage covers now); `field` names
 * the field node that holds its first character ("keyActionLabel", "paragraph" …), and is
 * null only for a whole block or entry. A detached thread lost its passage or block: it
 * keeps `quote` and `field`, and `offset` and `length` are null.
 */
export const exportedCommentSchema = z.object({
  id: z.string().min(1).max(64),
  anchor: z.object({
    blockId: id.nullable(),
    quote: z.string().max(100_000).describe('The passage at creation, or the block label'),
    detached: z.boolean(),
    field: z.string().max(64).nullable(),
    offset: z.number().int().min(0).nullable(),
    length: z.number().int().min(1).nullable(),
  }),
  status: z.enum(['open', 'resolved']),
  createdAt: instant,
  author: commentAuthor,
  messages: z.array(exportedCommentMessageSchema).min(1).max(10_000),
})
export type ExportedComment = z.infer<typeof exportedCommentSchema>

/**
 * A plénière's results, kept with the convention: a closed record (an import keeps it as
 * it is). `supports` lists every fiche the plénière counted, highest first; `comments`
 * are the participants' comments in the order they were posted, with their moderation.
 */
export const exportedPlenarySchema = z.object({
  id: z.string().min(1).max(64),
  title: z.string().max(300),
  openedAt: instant,
  closedAt: instant.nullable().describe('null while it is still open'),
  participantCount: z.number().int().min(0),
  supports: z.array(z.object({ blockId: id, supports: z.number().int().min(0) })).max(20_000),
  comments: z
    .array(
      z.object({
        blockId: id
          .nullable()
          .describe('The commented block or entry (a passage: its innermost one); null in free text'),
        name: z.string().max(200).describe("The participant's display name, as typed"),
        body: z.string().max(20_000).describe('Plain text with line breaks, exactly as typed'),
        createdAt: instant,
        hidden: z.boolean(),
      }),
    )
    .max(100_000),
})
export type ExportedPlenary = z.infer<typeof exportedPlenarySchema>

export const conventionSchema = z
  .object({
    format: z.literal(CONVENTION_FORMAT),
    version: z.literal(CONVENTION_FORMAT_VERSION),
    title: z.string().min(1).max(300),
    period: periodSchema,
    content: z.array(blockSchema).min(1).max(20_000),
    /** Comment threads in document order (detached last); absent in exports made before comments. */
    comments: z.array(exportedCommentSchema).max(10_000).optional(),
    /** Plénières and their results; absent in exports made before plénières. */
    plenaries: z.array(exportedPlenarySchema).max(1000).optional(),
    // the life of the convention (versions): exported, ignored by import (which creates a draft)
    status: z.enum(CONVENTION_STATUSES).optional().describe('draft, validated (COPIL), adopted, signed'),
    adopted: versionRefSchema.nullable().optional().describe('The version recorded when it was adopted'),
    amends: amendsSchema.nullable().optional().describe('For an avenant: the adopted version it amends'),
    amendments: amendmentsSchema.optional().describe('For an avenant: the changes from the amended version'),
  })
  .superRefine((convention, ctx) => {
    // ids identify blocks and entries for comments, diffs and exports: they must be unique
    const seen = new Map<string, string>()
    const check = (value: string, path: (string | number)[]) => {
      const where = path.join('.')
      const first = seen.get(value)
      if (first) ctx.addIssue({ code: 'custom', path, message: `duplicate id "${value}" (also at ${first})` })
      else seen.set(value, where)
    }
    convention.content.forEach((block, b) => {
      if (block.type === 'ficheAction') {
        check(block.id, ['content', b, 'id'])
        block.keyActions.forEach((k, i) => check(k.id, ['content', b, 'keyActions', i, 'id']))
      } else if (block.type === 'indicatorTable') {
        check(block.id, ['content', b, 'id'])
        block.rows.forEach((row, i) => check(row.id, ['content', b, 'rows', i, 'id']))
      } else if (block.type === 'signatoryBlock') {
        check(block.id, ['content', b, 'id'])
        block.signatories.forEach((s, i) => check(s.id, ['content', b, 'signatories', i, 'id']))
      }
    })
  })

export type Convention = z.infer<typeof conventionSchema>
export type ConventionBlock = z.infer<typeof blockSchema>
export type FicheActionBlock = z.infer<typeof ficheActionSchema>
export type IndicatorTableBlock = z.infer<typeof indicatorTableSchema>
export type SignatoryBlockBlock = z.infer<typeof signatoryBlockSchema>
export type Period = z.infer<typeof periodSchema>

export function yearsOf(period: Period): number[] {
  const years: number[] = []
  for (let y = period.start; y <= period.end; y++) years.push(y)
  return years
}
