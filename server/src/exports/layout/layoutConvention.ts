import { CONVENTION_STATUS_LABELS, type Convention } from '@ctg/shared'
import type { PrintDocument } from './PrintDocument.js'
import { layoutBlock } from './blockLayouts.js'
import { layoutContext } from './LayoutContext.js'
import { frenchDate } from './frenchDates.js'
import { frenchTypography } from './frenchTypography.js'

export interface LayoutOptions {
  /** the document's date (a version's `createdAt`; now for the live convention) */
  date: string
  /** the version's hash, printed in the footer of a version's export */
  sha256?: string
}

/** The parties named on the title page: the parties block's, else each signing organisation once, in order. */
function partiesOf(convention: Convention): string[] {
  const names: string[] = convention.parties.map((p) => p.officialName).filter(Boolean)
  if (names.length > 0) return names.map(frenchTypography)
  for (const block of convention.content)
    if (block.type === 'signatoryBlock')
      for (const s of block.signatories)
        if (s.organisation && !names.includes(s.organisation)) names.push(s.organisation)
  return names.map(frenchTypography)
}

/** The convention as printed matter: title page facts, then every block in document order. */
export function layoutConvention(convention: Convention, options: LayoutOptions): PrintDocument {
  const context = layoutContext(convention)
  // the text usually opens with the title itself: the title page already shows it
  const first = convention.content[0]
  const content =
    first?.type === 'heading' && first.text.trim() === convention.title.trim()
      ? convention.content.slice(1)
      : convention.content
  const status = convention.status ? CONVENTION_STATUS_LABELS[convention.status] : 'Projet'
  return {
    title: frenchTypography(convention.title),
    period: `${convention.period.start} – ${convention.period.end}`,
    parties: partiesOf(convention),
    status,
    date: options.date,
    versionLine: `${status} — version du ${frenchDate(options.date)}${options.sha256 ? ` — SHA-256 ${options.sha256.slice(0, 16)}…` : ''}`,
    body: content.flatMap((block) => layoutBlock(block, context)),
  }
}
