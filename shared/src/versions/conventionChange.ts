import { z } from 'zod'

/** One difference between two states of a convention (the diff route's and the export's `amendments` shape). */
export const wordPartSchema = z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() })
export type WordPart = z.infer<typeof wordPartSchema>

export const conventionChangeSchema = z.object({
  op: z.enum(['added', 'removed', 'moved', 'changed']),
  blockId: z.string().nullable().describe('The enclosing block id; null for free text and document fields'),
  entryId: z.string().optional().describe('The key action, row, signatory … that changed'),
  path: z
    .string()
    .describe(
      'RFC 6901 pointer relative to the block ("" for the whole block); from the document root when blockId is null',
    ),
  before: z.unknown().describe('Value at path before; null when added; the old position for a move'),
  after: z.unknown().describe('Value at path after; null when removed; the new position for a move'),
  words: z.array(wordPartSchema).optional(),
})
export type ConventionChange = z.infer<typeof conventionChangeSchema>

export const amendmentsSchema = z.object({ changes: z.array(conventionChangeSchema) })
