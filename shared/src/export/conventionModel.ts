import { z } from 'zod'
import {
  CIVILITIES,
  FOLLOW_UP_STATUSES,
  HEADING_LEVELS,
  INDICATOR_FREQUENCIES,
  INDICATOR_KINDS,
  PARTY_KINDS,
  SIGNATORY_KINDS,
  THEMES,
} from '../schema/vocabulary.js'
import { INSEE_PATTERN, SIREN_PATTERN } from '../rules/registryCodes.js'
import { parseCellValue } from '../values/cellValue.js'
import { amendmentsSchema } from '../versions/conventionChange.js'
import { amendsSchema, CONVENTION_STATUSES, versionRefSchema } from '../versions/versionModel.js'
import { CELL_MAX_LENGTH, TEXT_MAX_LENGTH, TITLE_MAX_LENGTH, TITLE_MIN_LENGTH } from '../rules/textLimits.js'
import { LONGEST_PERIOD_YEARS, periodProblem, YEAR_MAX, YEAR_MIN } from '../rules/yearRules.js'
import { ID_MAX_LENGTH } from '../rules/idRules.js'
import { crossCheckConvention } from './crossCheckConvention.js'

/**
 * The structured convention: the archived, exported and importable form.
 * The JSON Schema served at /api/schema/convention.json is generated from these
 * zod schemas (see `conventionJsonSchema.ts`), never written by hand.
 */

export const CONVENTION_FORMAT = 'ctg-convention'
export const CONVENTION_FORMAT_VERSION = 2

// every limit below is declared in `rules/`, which the editor and the server's update guard read too
const id = z.string().min(1).max(ID_MAX_LENGTH).describe('Stable identifier, kept across edits and exports')
const year = z.number().int().min(YEAR_MIN).max(YEAR_MAX)
const text = z.string().max(TEXT_MAX_LENGTH)
const isoDate = z.iso.date().describe('Date as YYYY-MM-DD')

export const periodSchema = z
  .object({ start: year, end: year })
  .superRefine((p, ctx) => {
    const problem = periodProblem(p.start, p.end)
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['end'] })
  })
  .describe(
    `A period of whole years. Also checked on import: end on or after start, at most ${LONGEST_PERIOD_YEARS} years after it.`,
  )

export const cellSchema = z
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

/**
 * Formatting as data: a text with formatting also comes as `runs`, consecutive pieces of
 * it with the marks they carry (as in the editor: bold, italic, underline, strike, and a
 * link with its href). The runs' texts put end to end are the text; a text without any
 * formatting has no runs. Hard breaks are "\n" in a run's text.
 */
export const markSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bold') }),
  z.object({ type: z.literal('italic') }),
  z.object({ type: z.literal('underline') }),
  z.object({ type: z.literal('strike') }),
  z.object({ type: z.literal('link'), href: z.string().min(1).max(2_000) }),
])
export const runSchema = z.object({
  text: z.string().min(1).max(TEXT_MAX_LENGTH),
  marks: z.array(markSchema).min(1).optional(),
})
const runs = z.array(runSchema).min(1).max(20_000).optional().describe('The text with its formatting, when it has some')
export type Run = z.infer<typeof runSchema>
export type TextMark = z.infer<typeof markSchema>

export const headingSchema = z.object({
  type: z.literal('heading'),
  level: z.union(HEADING_LEVELS.map((l) => z.literal(l))),
  text,
  runs,
})

export const paragraphSchema = z.object({ type: z.literal('paragraph'), text, runs })

export const listItemSchema = z.object({
  text,
  /** the runs of each paragraph of the item, when one has formatting */
  runs: z
    .array(z.array(runSchema))
    .optional()
    .describe('Per paragraph of the item, its runs (empty for a paragraph without text)'),
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

/** The fields of paragraphs of a fiche, whose formatting `rich` keeps. */
export const RICH_FICHE_FIELDS = ['objective', 'expectedResult', 'targetAudience', 'territory', 'funding'] as const
export type RichFicheField = (typeof RICH_FICHE_FIELDS)[number]
/**
 * A block of a field of paragraphs: a paragraph's runs, or a list, written as a list of free
 * text is. Files written before fields held lists have only runs here: they still read.
 */
const richBlock = z.union([
  z.array(runSchema).describe('A paragraph: its runs (none for a paragraph without text)'),
  listSchema.describe('A bullet (ordered: false) or numbered (ordered: true) list, as in free text'),
])
export type RichBlock = z.infer<typeof richBlock>
const richParagraphs = z
  .array(richBlock)
  .describe(
    "One entry per block of the field, in order: a paragraph's runs, or a list. The field's plain text is each paragraph and each list item (its text, then its sublist's items), joined by a blank line",
  )

/** Priority given by a plénière ranking; version 1 exports made after plénières carry it too. */
export const fichePrioritySchema = z
  .number()
  .int()
  .min(1)
  .max(10_000)
  .optional()
  .describe('Priority given by a plénière ranking (1 = first); absent when none')

export const ficheActionSchema = z.object({
  type: z.literal('ficheAction'),
  id,
  number: z.number().int().min(1).describe('Position of the fiche among the fiches, in document order'),
  title: text,
  theme: z.object({
    codes: z.array(z.enum(THEMES)).max(THEMES.length).describe('The themes the fiche spans, the main one first'),
    label: text,
  }),
  communeIds: z.array(id).describe('The communes of `territory` the fiche concerns'),
  rich: z
    .object(
      Object.fromEntries(RICH_FICHE_FIELDS.map((f) => [f, richParagraphs.optional()])) as Record<
        RichFicheField,
        z.ZodOptional<typeof richParagraphs>
      >,
    )
    .optional()
    .describe('The formatting and the lists of the fields of paragraphs that have some'),
  objective: text,
  keyActions: z.array(keyActionSchema),
  expectedResult: text,
  targetAudience: text,
  territory: text,
  partners: z.array(text),
  pilot: text,
  funding: text,
  schedule: z.object({ startYear: year.nullable(), endYear: year.nullable() }),
  indicators: z.object({
    items: z.array(z.object({ text, rowId: id.nullable().describe('The indicator or planning row it refers to') })),
    tableId: id.nullable(),
  }),
  status: z.enum(FOLLOW_UP_STATUSES),
  priority: fichePrioritySchema,
})

export const indicatorYearSchema = z.object({ year, target: cellSchema, reached: cellSchema })

export const indicatorRowSchema = z.object({
  id,
  label: text,
  kind: z.enum(INDICATOR_KINDS),
  unit: text,
  source: text,
  frequency: z.enum(INDICATOR_FREQUENCIES).nullable().describe('How often it is collected'),
  collector: text.describe('Who collects it'),
  baseline: z.object({ year: year.nullable(), cell: cellSchema }),
  years: z.array(indicatorYearSchema),
})

/** The party or commune a table belongs to, or null (the whole convention). */
const ownerId = id.nullable().describe('The id of the party or commune the table belongs to')

/** One row of a planning table must have one entry per year of the period, in order (checked on import). */
function checkYears(rows: { years: { year: number }[] }[], period: Period, ctx: z.RefinementCtx) {
  const expected = yearsOf(period)
  rows.forEach((row, r) => {
    const got = row.years.map((y) => y.year)
    if (got.length !== expected.length || got.some((y, i) => y !== expected[i])) {
      ctx.addIssue({
        code: 'custom',
        path: ['rows', r, 'years'],
        message: `each row must have one entry per year of the period, in order: ${expected.join(', ')}`,
      })
    }
  })
}

/**
 * A planning table: for each offer (places in crèche, MAM, RPE, ALSH…), what existed at
 * signature, and for each year of the period what is planned and what was achieved.
 */
export const planningTableSchema = z
  .object({
    type: z.literal('planningTable'),
    id,
    title: text,
    period: periodSchema,
    ownerId,
    rows: z.array(
      z.object({
        id,
        label: text,
        unit: text,
        existingAtSignature: cellSchema,
        years: z.array(z.object({ year, planned: cellSchema, achieved: cellSchema })),
      }),
    ),
  })
  .superRefine((table, ctx) => checkYears(table.rows, table.period, ctx))

/** Where the parties block and the territory block sit in the text; their data is top-level. */
export const partiesPlaceSchema = z.object({ type: z.literal('parties'), id })
export const territoryPlaceSchema = z.object({ type: z.literal('territory'), id })

export const partySchema = z.object({
  id,
  kind: z.enum(PARTY_KINDS),
  officialName: text,
  siren: z.string().regex(SIREN_PATTERN).nullable().describe('SIREN number, 9 digits'),
  representative: z.object({ function: text, name: text }),
  deliberation: z.object({ body: text, date: isoDate.nullable() }),
})

export const territorySchema = z.object({
  epci: z.object({ name: text, siren: z.string().regex(SIREN_PATTERN).nullable() }),
  communes: z.array(
    z.object({
      id,
      name: text,
      insee: z.string().regex(INSEE_PATTERN).nullable().describe('INSEE code, 5 characters'),
    }),
  ),
})

export const indicatorTableSchema = z
  .object({
    type: z.literal('indicatorTable'),
    id,
    title: text,
    period: periodSchema,
    ownerId,
    rows: z.array(indicatorRowSchema),
  })
  .superRefine((table, ctx) => checkYears(table.rows, table.period, ctx))

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
  partyId: id.nullable().describe('The party the signatory signs for'),
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
  planningTableSchema,
  partiesPlaceSchema,
  territoryPlaceSchema,
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

/**
 * What a convention carries besides its text: plénière results and its life (versions). Shared
 * by versions 1 and 2 of the format, because version-1 exports made after plénières and
 * versions carry them too.
 */
export const conventionRecordFields = {
  /** Plénières and their results; absent in exports made before plénières. */
  plenaries: z.array(exportedPlenarySchema).max(1000).optional(),
  // the life of the convention (versions): exported, ignored by import (which creates a draft)
  status: z.enum(CONVENTION_STATUSES).optional().describe('draft, validated (COPIL), adopted, signed'),
  adopted: versionRefSchema.nullable().optional().describe('The version recorded when it was adopted'),
  amends: amendsSchema.nullable().optional().describe('For an avenant: the adopted version it amends'),
  amendments: amendmentsSchema.optional().describe('For an avenant: the changes from the amended version'),
}

/**
 * Also checked on import, beyond what JSON Schema says: periods (see `periodSchema`), unique
 * ids, numbers in document order (fiches 1, 2 …; key actions 3.1, 3.2 …), indicator cells
 * whose `value` and `unit` are those read from `text`, one year entry per year of a table's period.
 */
export const conventionModel = z
  .object({
    format: z.literal(CONVENTION_FORMAT),
    version: z.literal(CONVENTION_FORMAT_VERSION),
    title: z.string().min(TITLE_MIN_LENGTH).max(TITLE_MAX_LENGTH),
    period: periodSchema,
    parties: z.array(partySchema).max(1_000).describe('The parties the convention binds, in the order of their block'),
    territory: territorySchema.nullable().describe('The EPCI and the communes the convention covers'),
    content: z.array(blockSchema).min(1).max(20_000),
    /** Comment threads in document order (detached last); absent in exports made before comments. */
    comments: z.array(exportedCommentSchema).max(10_000).optional(),
    ...conventionRecordFields,
  })
  .superRefine((convention, ctx) => crossCheckConvention(convention, ctx))

export type Convention = z.infer<typeof conventionModel>
export type ConventionBlock = z.infer<typeof blockSchema>
export type FicheActionBlock = z.infer<typeof ficheActionSchema>
export type IndicatorTableBlock = z.infer<typeof indicatorTableSchema>
export type SignatoryBlockBlock = z.infer<typeof signatoryBlockSchema>
export type Period = z.infer<typeof periodSchema>
export type PlanningTableBlock = z.infer<typeof planningTableSchema>
export type Party = z.infer<typeof partySchema>
export type Territory = z.infer<typeof territorySchema>
/** The entries of the blocks, named once instead of spelled out as `FicheActionBlock['keyActions'][number]`. */
export type KeyAction = z.infer<typeof keyActionSchema>
export type IndicatorRow = z.infer<typeof indicatorRowSchema>
export type Signatory = z.infer<typeof signatorySchema>
export type PlanningRow = PlanningTableBlock['rows'][number]

export function yearsOf(period: Period): number[] {
  const years: number[] = []
  for (let y = period.start; y <= period.end; y++) years.push(y)
  return years
}
