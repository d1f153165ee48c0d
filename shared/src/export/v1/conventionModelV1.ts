import { z } from 'zod'
import {
  CIVILITIES,
  FOLLOW_UP_STATUSES,
  HEADING_LEVELS,
  INDICATOR_KINDS,
  SIGNATORY_KINDS,
  THEMES,
} from '../../schema/vocabulary.js'
import { parseCellValue } from '../../values/cellValue.js'
import { CELL_MAX_LENGTH, TEXT_MAX_LENGTH, TITLE_MAX_LENGTH, TITLE_MIN_LENGTH } from '../../rules/textLimits.js'
import { periodProblem, YEAR_MAX, YEAR_MIN } from '../../rules/yearRules.js'
import { ID_MAX_LENGTH } from '../../rules/idRules.js'
import { ficheNumber, keyActionNumber } from '../../rules/numbering.js'
// added to version 1 while it was current (plénières, versions): files with them exist
import { conventionRecordFields, fichePrioritySchema } from '../conventionModel.js'

/**
 * Version 1 of the structured convention, frozen: files exported before version 2 are
 * read with it, then migrated (`migrateV1.ts`). Served at /api/schema/convention-v1.json.
 * Do not change it: it describes files that exist.
 */

const CONVENTION_FORMAT = 'ctg-convention'
const CONVENTION_FORMAT_VERSION = 1

// every limit below is declared in `rules/`, which the editor and the server's update guard read too
const id = z.string().min(1).max(ID_MAX_LENGTH).describe('Stable identifier, kept across edits and exports')
const year = z.number().int().min(YEAR_MIN).max(YEAR_MAX)
const text = z.string().max(TEXT_MAX_LENGTH)
const isoDate = z.iso.date().describe('Date as YYYY-MM-DD')

const periodSchema = z.object({ start: year, end: year }).superRefine((p, ctx) => {
  const problem = periodProblem(p.start, p.end)
  if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['end'] })
})

const cellSchema = z
  .object({
    text: z.string().max(CELL_MAX_LENGTH),
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

const headingSchema = z.object({
  type: z.literal('heading'),
  level: z.union(HEADING_LEVELS.map((l) => z.literal(l))),
  text,
})

const paragraphSchema = z.object({ type: z.literal('paragraph'), text })

const listItemSchema = z.object({
  text,
  get sublist(): z.ZodOptional<typeof listSchema> {
    return listSchema.optional()
  },
})
const listSchema = z.object({
  type: z.literal('list'),
  ordered: z.boolean(),
  get items(): z.ZodArray<typeof listItemSchema> {
    return z.array(listItemSchema)
  },
})

const keyActionSchema = z.object({
  id,
  number: z.string().describe('Numbered from the fiche: 3.1, 3.2 …'),
  label: text,
  pilot: text,
  deadline: year.nullable(),
  status: z.enum(FOLLOW_UP_STATUSES),
})

const ficheActionSchema = z.object({
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
  priority: fichePrioritySchema,
})

const indicatorYearSchema = z.object({ year, target: cellSchema, reached: cellSchema })

const indicatorRowSchema = z.object({
  id,
  label: text,
  kind: z.enum(INDICATOR_KINDS),
  unit: text,
  source: text,
  baseline: z.object({ year: year.nullable(), cell: cellSchema }),
  years: z.array(indicatorYearSchema),
})

const indicatorTableSchema = z
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

const signatorySchema = z.object({
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

const signatoryBlockSchema = z.object({
  type: z.literal('signatoryBlock'),
  id,
  signatories: z.array(signatorySchema),
})

const blockSchema = z.discriminatedUnion('type', [
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
const exportedCommentMessageSchema = z.object({
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
const exportedCommentSchema = z.object({
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

/**
 * Also checked on import, beyond what JSON Schema says: periods (see `periodSchema`), unique
 * ids, numbers in document order (fiches 1, 2 …; key actions 3.1, 3.2 …), indicator cells
 * whose `value` and `unit` are those read from `text`, one year entry per year of a table's period.
 */
export const conventionModelV1 = z
  .object({
    format: z.literal(CONVENTION_FORMAT),
    version: z.literal(CONVENTION_FORMAT_VERSION),
    title: z.string().min(TITLE_MIN_LENGTH).max(TITLE_MAX_LENGTH),
    period: periodSchema,
    content: z.array(blockSchema).min(1).max(20_000),
    /** Comment threads in document order (detached last); absent in exports made before comments. */
    comments: z.array(exportedCommentSchema).max(10_000).optional(),
    ...conventionRecordFields,
  })
  .superRefine((convention, ctx) => {
    // numbers are derived from document order: an export whose numbers are not would not come back the same
    let fiches = 0
    convention.content.forEach((block, b) => {
      if (block.type !== 'ficheAction') return
      const number = ficheNumber(fiches++)
      if (block.number !== number)
        ctx.addIssue({ code: 'custom', path: ['content', b, 'number'], message: `fiche number must be ${number}` })
      block.keyActions.forEach((k, i) => {
        const expected = keyActionNumber(number, i)
        if (k.number !== expected)
          ctx.addIssue({
            code: 'custom',
            path: ['content', b, 'keyActions', i, 'number'],
            message: `key action number must be ${expected}`,
          })
      })
    })
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

export type ConventionV1 = z.infer<typeof conventionModelV1>

function yearsOf(period: { start: number; end: number }): number[] {
  const years: number[] = []
  for (let y = period.start; y <= period.end; y++) years.push(y)
  return years
}

export type ConventionBlockV1 = ConventionV1['content'][number]
export type FicheActionBlockV1 = Extract<ConventionBlockV1, { type: 'ficheAction' }>
export type IndicatorTableBlockV1 = Extract<ConventionBlockV1, { type: 'indicatorTable' }>
export type SignatoryBlockBlockV1 = Extract<ConventionBlockV1, { type: 'signatoryBlock' }>
