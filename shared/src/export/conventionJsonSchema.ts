import { z } from 'zod'
import { conventionSchema } from './conventionModel.js'

/** What the import checks beyond what JSON Schema can say; the import is the authority. */
export const IMPORT_CHECKS =
  "Rules JSON Schema cannot express, checked on import (the import is the authority): every period ends on or after its start; ids are unique in the convention; fiches are numbered 1, 2 … in document order and key actions n.1, n.2 … from their fiche; an indicator cell's value and unit are those read from its text; each indicator row has one entry per year of its table's period, in order."

/** The published JSON Schema (draft 2020-12) of the structured convention, generated from zod. */
export function conventionJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(conventionSchema, { target: 'draft-2020-12', io: 'input' }),
    $id: 'urn:ctg-workspace:schema:convention:1',
    title: 'Convention Territoriale Globale (structured export)',
    description: IMPORT_CHECKS,
  }
}
