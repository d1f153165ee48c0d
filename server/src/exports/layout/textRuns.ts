import type { Run } from '@ctg/shared'
import type { PrintParagraph, PrintRun } from './PrintDocument.js'
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

/** A field of paragraphs ("\n\n" between them in the export) as printed paragraphs, with their runs when formatted. */
export function paragraphs(text: string, rich?: Run[][]): PrintParagraph[] {
  if (rich)
    return rich.filter((runs) => runs.length > 0).map((runs) => ({ kind: 'paragraph', runs: textRuns('', runs) }))
  return text === '' ? [] : text.split(/\n{2,}/).map((p) => paragraph(p))
}
