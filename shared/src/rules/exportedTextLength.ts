import { TEXT_FIELD_NAMES } from '../schema/textFieldNames.js'

/**
 * How long a text is as the export writes it, on whatever tree holds the document (a
 * ProseMirror node in the editor, a Y.XmlElement in the server's update guard), so that
 * both measure exactly what the export will write (see `textLimits.ts`).
 */
export interface TextTreeReader<N> {
  name: (node: N) => string
  /** the element children of a node holding blocks */
  children: (node: N) => readonly N[]
  /** whether the node holds inline content (text and hard breaks) */
  isInline: (node: N) => boolean
  /** the length of an inline container's text: a hard break counts one */
  inlineLength: (node: N) => number
}

const LIST_NAMES: ReadonlySet<string> = new Set(['bulletList', 'orderedList'])

/**
 * The node that holds one text of the export, given the names of a text's ancestors from the
 * innermost to the top-level one: the field around it (a field of paragraphs holds its lists'
 * items too, since they are part of its text), else the nearest list item (free text), else
 * the top-level node. Returns its index in `ancestors`.
 */
export function textHolderIndex(ancestors: readonly string[]): number {
  const field = ancestors.findIndex((name) => TEXT_FIELD_NAMES.has(name))
  if (field >= 0) return field
  const item = ancestors.indexOf('listItem')
  return item >= 0 ? item : ancestors.length - 1
}

/**
 * The lengths of the pieces of a field's text, which the export joins with a blank line: each
 * paragraph, and in a list each item's paragraphs (an item without one still gives a piece,
 * its empty text), then its sublists.
 */
function pieceLengths<N>(container: N, reader: TextTreeReader<N>, out: number[], inList: boolean): number[] {
  const own: number[] = []
  const lists: N[] = []
  for (const child of reader.children(container)) {
    if (LIST_NAMES.has(reader.name(child))) lists.push(child)
    else own.push(reader.inlineLength(child))
  }
  out.push(...(inList && own.length === 0 ? [0] : own))
  for (const list of lists) for (const item of reader.children(list)) pieceLengths(item, reader, out, true)
  return out
}

const joined = (lengths: number[]) => lengths.reduce((sum, l) => sum + l, 0) + 2 * Math.max(0, lengths.length - 1)

/**
 * The length of a holder's text as exported: an inline container's text; a free-text list
 * item's paragraphs (not its sublists, which are texts of their own) joined by a blank line;
 * a field of paragraphs' paragraphs and list items, joined by a blank line.
 */
export function exportedTextLength<N>(holder: N, reader: TextTreeReader<N>): number {
  if (reader.isInline(holder)) return reader.inlineLength(holder)
  if (reader.name(holder) === 'listItem')
    return joined(
      reader
        .children(holder)
        .filter((c) => !LIST_NAMES.has(reader.name(c)))
        .map((child) => reader.inlineLength(child)),
    )
  return joined(pieceLengths(holder, reader, [], false))
}
