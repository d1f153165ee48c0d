import { z } from 'zod'
import { CONVENTION_FORMAT_VERSION, conventionModel } from './conventionModel.js'
import { conventionModelV1 } from './v1/conventionModelV1.js'

/** What the import checks beyond what JSON Schema can say; the import is the authority. */
export const IMPORT_CHECKS = [
  'Rules JSON Schema cannot express, checked on import (the import is the authority):',
  'every period ends on or after its start, at most 15 years after it;',
  'ids are unique in the convention (blocks, entries, parties, communes);',
  'fiches are numbered 1, 2 … in document order and key actions n.1, n.2 … from their fiche;',
  "an indicator or planning cell's value and unit are those read from its text;",
  "each row of a table has one entry per year of the table's period, in order;",
  "a partyId names a party, an ownerId a party or a commune, a fiche's communeIds communes of the territory, an indicator's rowId a row of a table;",
  'there is at most one { "type": "parties" } and one { "type": "territory" } block in content: one where there are parties, one exactly when there is a territory;',
  "the texts of runs, put end to end, are the text they format (a list item: each paragraph's runs, joined by a blank line);",
  "a fiche's rich field spells its plain text: each paragraph (its runs) and each list item (its text, then its sublist's items), joined by a blank line.",
].join(' ')

/** The published JSON Schema (draft 2020-12) of the structured convention, generated from zod. */
export function conventionJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(conventionModel, { target: 'draft-2020-12', io: 'input' }),
    $id: `urn:ctg-workspace:schema:convention:${CONVENTION_FORMAT_VERSION}`,
    title: 'Convention Territoriale Globale (structured export)',
    description: IMPORT_CHECKS,
  }
}

/** The JSON Schema of version 1, for files exported before version 2 (served at /api/schema/convention-v1.json). */
export function conventionJsonSchemaV1(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(conventionModelV1, { target: 'draft-2020-12', io: 'input' }),
    $id: 'urn:ctg-workspace:schema:convention:1',
    title: 'Convention Territoriale Globale (structured export, version 1)',
  }
}
