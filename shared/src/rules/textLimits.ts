/**
 * How long each text of a convention may be, in UTF-16 code units as JavaScript counts
 * them (`string.length`), measured on the text as the export writes it: a field of
 * paragraphs counts its paragraphs joined by a blank line ("\n\n"), a hard break counts
 * one. The export model, the HTTP import, the server's update guard and the editor all
 * read these numbers; nobody else writes them.
 */

/** The convention's title (metadata): 1 to 300 characters. */
export const TITLE_MAX_LENGTH = 300
export const TITLE_MIN_LENGTH = 1
/** A cell of an indicators or planning table: a figure with its unit ("1,7 ETP"). */
export const CELL_MAX_LENGTH = 200
/** Any other text: a name, a label, a paragraph, a heading, a list item, a field of paragraphs. */
export const TEXT_MAX_LENGTH = 100_000

/** The node types whose text is a cell. */
export const CELL_NODE_NAMES: ReadonlySet<string> = new Set([
  'indicatorTarget',
  'indicatorReached',
  'indicatorBaseline',
  'planningExisting',
  'planningPlanned',
  'planningAchieved',
])

/**
 * The node types that hold one text of the export, with their limit: a cell, or a field
 * (`role: 'field'` in the node declarations, single-line or paragraphs), or a top-level
 * paragraph, heading or list item of free text. A text is measured in the nearest such
 * node that holds it.
 */
export function textLimitOf(nodeName: string): number {
  return CELL_NODE_NAMES.has(nodeName) ? CELL_MAX_LENGTH : TEXT_MAX_LENGTH
}
