import type { PrintParagraph, PrintRun } from './PrintDocument.js'
import { frenchTypography } from './frenchTypography.js'

/** A plain text as one run (typography applied); no run for an empty text. */
export function plainRuns(text: string): PrintRun[] {
  return text === '' ? [] : [{ text: frenchTypography(text) }]
}

export function paragraph(text: string, style?: PrintParagraph['style']): PrintParagraph {
  return style ? { kind: 'paragraph', runs: plainRuns(text), style } : { kind: 'paragraph', runs: plainRuns(text) }
}

/** A field of paragraphs ("\n\n" between them in the export) as printed paragraphs. */
export function paragraphs(text: string): PrintParagraph[] {
  return text === '' ? [] : text.split(/\n{2,}/).map((p) => paragraph(p))
}
