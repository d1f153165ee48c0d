import { z } from 'zod'
import { conventionSchema } from './conventionModel.js'

/** The published JSON Schema (draft 2020-12) of the structured convention, generated from zod. */
export function conventionJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(conventionSchema, { target: 'draft-2020-12', io: 'input' }),
    $id: 'urn:ctg-workspace:schema:convention:1',
    title: 'Convention Territoriale Globale (structured export)',
  }
}
