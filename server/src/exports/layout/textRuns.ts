import type { List, RichBlock, Run } from '@ctg/shared'
import type { PrintList, PrintParagraph, PrintRun } from './PrintDocument.js'
import { frenchTypography } from './frenchTypography.js'

/** A plain text as one run (typography applied); no run for an empty text. */
export function plainRuns(text: string): PrintRun[] {
  return text === '' ? [] : [{ text: frenchTypography(text) }]
}

/** The export's runs when the text has formatting (bold, italic, links… kept), else the plain text. */
export function textRuns(text: string, runs: Run[] | undefined): PrintRun[] {
  if (!runs) return plainRuns(text)
  return runs.map((r) =>
    r.marks ? { text: frenchTypography(r.text), marks: r.marks } : { text: frenchTypography(r.text) },
  )
}

export function paragraph(text: string, style?: PrintParagraph['style']): PrintParagraph {
  return style ? { kind: 'paragraph', runs: plainRuns(text), style } : { kind: 'paragraph', runs: plainRuns(text) }
}

/** A list of free text or of a field, its items' paragraphs with their runs. */
export function printList(list: List): PrintList {
  return {
    kind: 'list',
    ordered: list.ordered,
    items: list.items.map((item) => ({
      paragraphs: item.runs ? item.runs.map((runs) => textRuns('', runs)) : item.text.split(/\n{2,}/).map(plainRuns),
      ...(item.sublist ? { sublist: printList(item.sublist) } : {}),
    })),
  }
}

/**
 * A field of paragraphs ("\n\n" between them in the export) as printed paragraphs and lists:
 * from its rich blocks when it has formatting or lists, else from its plain text.
 */
export function paragraphs(text: string, rich?: RichBlock[]): (PrintParagraph | PrintList)[] {
  if (rich)
    return rich.flatMap((block): (PrintParagraph | PrintList)[] => {
      if (!Array.isArray(block)) return [printList(block)]
      return block.length > 0 ? [{ kind: 'paragraph', runs: textRuns('', block) }] : []
    })
  return text === '' ? [] : text.split(/\n{2,}/).map((p) => paragraph(p))
}
