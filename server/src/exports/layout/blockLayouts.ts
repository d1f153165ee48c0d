import {
  CIVILITY_LABELS,
  INDICATOR_KIND_LABELS,
  yearsOf,
  type ConventionBlock,
  type IndicatorTableBlock,
  type List,
  type SignatoryBlockBlock,
} from '@ctg/shared'
import type { PrintElement, PrintList, PrintSignature, PrintTable } from './PrintDocument.js'
import type { LayoutContext } from './LayoutContext.js'
import { ficheSheet } from './ficheSheet.js'
import { frenchDate } from './frenchDates.js'
import { frenchTypography } from './frenchTypography.js'
import { plainRuns } from './textRuns.js'

type BlockLayouts = {
  [T in ConventionBlock['type']]: (
    block: Extract<ConventionBlock, { type: T }>,
    context: LayoutContext,
  ) => PrintElement[]
}

/** More columns than this go on a landscape page. */
const PORTRAIT_COLUMNS = 8

function printList(list: List): PrintList {
  return {
    kind: 'list',
    ordered: list.ordered,
    items: list.items.map((item) => ({
      paragraphs: item.text.split(/\n{2,}/).map(plainRuns),
      ...(item.sublist ? { sublist: printList(item.sublist) } : {}),
    })),
  }
}

function indicatorTable(table: IndicatorTableBlock): PrintTable {
  const years = yearsOf(table.period)
  const fixed = ['Indicateur', 'Type', 'Unité', 'Source', 'Référence']
  const columns = [...fixed, ...years.flatMap(() => ['Cible', 'Réalisé'])]
  return {
    kind: 'table',
    title: frenchTypography(`Tableau d’indicateurs — ${table.title}`),
    groups: [{ text: '', span: fixed.length }, ...years.map((y) => ({ text: String(y), span: 2 }))],
    columns,
    numeric: columns.map((_, i) => i >= fixed.length - 1),
    rows: table.rows.map((row) => [
      frenchTypography(row.label),
      INDICATOR_KIND_LABELS[row.kind],
      row.unit,
      row.source,
      row.baseline.cell.text + (row.baseline.year !== null ? ` (${row.baseline.year})` : ''),
      // cells looked up by year: a row short of a year (crossing edits) leaves a blank, never a shift
      ...years.flatMap((y) => {
        const cell = row.years.find((c) => c.year === y)
        return [cell?.target.text ?? '', cell?.reached.text ?? '']
      }),
    ]),
    wide: columns.length > PORTRAIT_COLUMNS,
    note: `Période ${table.period.start} – ${table.period.end}.`,
  }
}

function signature(s: SignatoryBlockBlock['signatories'][number]): PrintSignature {
  const name = [s.civility ? CIVILITY_LABELS[s.civility] : '', s.name].filter(Boolean).join(' ')
  const mandate = [s.mandate.deliberation, s.mandate.date ? frenchDate(s.mandate.date) : ''].filter(Boolean).join(' ')
  const place = s.place ? `Fait à ${s.place}, le ` : 'Fait à …………………, le '
  return {
    organisation: frenchTypography(s.organisation),
    function: frenchTypography(s.function),
    name: frenchTypography(name),
    mandate: frenchTypography(mandate),
    placeAndDate: place + (s.signatureDate ? frenchDate(s.signatureDate) : '…………………'),
  }
}

/** What each block of the convention becomes on paper (see PrintDocument). */
export const BLOCK_LAYOUTS: BlockLayouts = {
  heading: (block) => [{ kind: 'heading', level: block.level, runs: plainRuns(block.text) }],
  paragraph: (block) => [{ kind: 'paragraph', runs: plainRuns(block.text) }],
  list: (block) => [printList(block)],
  ficheAction: (block, context) => [ficheSheet(block, context)],
  indicatorTable: (block) => [indicatorTable(block)],
  signatoryBlock: (block) => [{ kind: 'signatures', signatories: block.signatories.map(signature) }],
}

export function layoutBlock(block: ConventionBlock, context: LayoutContext): PrintElement[] {
  return (BLOCK_LAYOUTS[block.type] as (b: ConventionBlock, c: LayoutContext) => PrintElement[])(block, context)
}
