import type { List, RichBlock, Run } from './conventionModel.js'

/** The text the runs of a formatted text put end to end. */
export function runsText(runs: Run[]): string {
  return runs.map((r) => r.text).join('')
}

/** The pieces of a list's text, in order: each item's text, then its sublist's pieces. */
function listPieces(list: List): string[] {
  return list.items.flatMap((item) => [item.text, ...(item.sublist ? listPieces(item.sublist) : [])])
}

/**
 * The plain text of a field of paragraphs from its rich blocks: each paragraph and each list
 * item, joined by a blank line (so a reader that ignores `rich` still has every word, in order).
 */
export function richFieldText(blocks: RichBlock[]): string {
  return blocks.flatMap((block) => (Array.isArray(block) ? [runsText(block)] : listPieces(block))).join('\n\n')
}
