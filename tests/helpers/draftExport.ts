import { yDocToConvention, type Convention } from '@ctg/shared'
import type * as Y from 'yjs'

/**
 * What the server's JSON export of a fresh draft holds for a document: its text as the
 * client reads it, plus the record fields a new convention has (no comments, no plénière,
 * draft, not adopted, not an avenant).
 */
export function draftExportOf(doc: Y.Doc): Convention {
  return { ...yDocToConvention(doc), comments: [], plenaries: [], status: 'draft', adopted: null, amends: null }
}
