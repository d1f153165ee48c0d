import {
  CIVILITY_LABELS,
  INDICATOR_FREQUENCY_LABELS,
  INDICATOR_KIND_LABELS,
  type PlanningTableBlock,
  PARTY_KIND_LABELS,
  yearsOf,
  type ConventionBlock,
  type IndicatorTableBlock,
  type SignatoryBlockBlock,
} from '@ctg/shared'
import type { PrintElement, PrintSignature, PrintTable } from './PrintDocument.js'
import type { LayoutContext } from './LayoutContext.js'
import { ficheSheet } from './ficheSheet.js'
import { frenchDate } from './frenchDates.js'
import { frenchTypography } from './frenchTypography.js'
import { paragraph, plainRuns, printList, textRuns } from './textRuns.js'

type BlockLayouts = {
  [T in ConventionBlock['type']]: (
    block: Extract<ConventionBlock, { type: T }>,
    context: LayoutContext,
  ) => PrintElement[]
}

/** More columns than this go on a landscape page. */
const PORTRAIT_COLUMNS = 8

/** "… — Commune de Seyne" when the table belongs to a party or commune. */
const ownedTitle = (title: string, ownerId: string | null, context: LayoutContext) => {
  const owner = ownerId ? context.placeName(ownerId) : null
  return frenchTypography(owner ? `${title} — ${owner}` : title)
}

function indicatorTable(table: IndicatorTableBlock, context: LayoutContext): PrintTable {
  const years = yearsOf(table.period)
  const fixed = ['Indicateur', 'Type', 'Unité', 'Source', 'Référence']
  const columns = [...fixed, ...years.flatMap(() => ['Cible', 'Réalisé'])]
  return {
    kind: 'table',
    title: ownedTitle(`Tableau d’indicateurs — ${table.title}`, table.ownerId, context),
    groups: [{ text: '', span: fixed.length }, ...years.map((y) => ({ text: String(y), span: 2 }))],
    columns,
    numeric: columns.map((_, i) => i >= fixed.length - 1),
    rows: table.rows.map((row) => [
      frenchTypography(row.label),
      INDICATOR_KIND_LABELS[row.kind],
      row.unit,
      [
        row.source,
        row.collector && `collecte : ${row.collector}`,
        row.frequency && INDICATOR_FREQUENCY_LABELS[row.frequency].toLowerCase(),
      ]
        .filter(Boolean)
        .join('\n'),
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

function planningTable(table: PlanningTableBlock, context: LayoutContext): PrintTable {
  const years = yearsOf(table.period)
  const fixed = ['Offre', 'Unité', 'Existant à la signature']
  const columns = [...fixed, ...years.flatMap(() => ['Prévu', 'Réalisé'])]
  return {
    kind: 'table',
    title: ownedTitle(`Programmation — ${table.title}`, table.ownerId, context),
    groups: [{ text: '', span: fixed.length }, ...years.map((y) => ({ text: String(y), span: 2 }))],
    columns,
    numeric: columns.map((_, i) => i >= fixed.length - 1),
    rows: table.rows.map((row) => [
      frenchTypography(row.label),
      row.unit,
      row.existingAtSignature.text,
      ...years.flatMap((y) => {
        const cell = row.years.find((c) => c.year === y)
        return [cell?.planned.text ?? '', cell?.achieved.text ?? '']
      }),
    ]),
    wide: columns.length > PORTRAIT_COLUMNS,
    note: `Période ${table.period.start} – ${table.period.end}.`,
  }
}

/** The parties, as the "Entre les soussignés" of a convention: name, SIREN, who represents it and under which deliberation. */
function partiesList(context: LayoutContext): PrintElement[] {
  const parties = context.convention.parties
  if (parties.length === 0) return []
  return [
    {
      kind: 'list',
      ordered: false,
      items: parties.map((p) => {
        const details = [
          p.siren && `SIREN ${p.siren.replace(/(\d{3})(\d{3})(\d{3})/, '$1 $2 $3')}`,
          p.representative.name &&
            `représentée par ${[p.representative.function.replace(/^(L[ea]|L’|L')\b/, (a) => a.toLowerCase()), p.representative.name].filter(Boolean).join(', ')}`,
          p.deliberation.body &&
            `habilitée par délibération (${p.deliberation.body}${p.deliberation.date ? ` du ${frenchDate(p.deliberation.date)}` : ''})`,
        ].filter(Boolean)
        return {
          paragraphs: [
            [
              { text: frenchTypography(p.officialName || PARTY_KIND_LABELS[p.kind]), marks: [{ type: 'bold' }] },
              ...plainRuns(details.length ? `, ${details.join(', ')}` : ''),
            ],
          ],
        }
      }),
    },
  ]
}

/** The territory: its EPCI, then its communes with their INSEE codes as a table. */
function territory(context: LayoutContext): PrintElement[] {
  const territory = context.convention.territory
  if (!territory) return []
  const epci = territory.epci.name
    ? [
        paragraph(
          `Territoire couvert : ${territory.epci.name}${territory.epci.siren ? ` (SIREN ${territory.epci.siren})` : ''}.`,
        ),
      ]
    : []
  if (territory.communes.length === 0) return epci
  return [
    ...epci,
    {
      kind: 'table',
      title: `Communes du territoire (${territory.communes.length})`,
      columns: ['Commune', 'Code INSEE'],
      numeric: [false, false],
      rows: territory.communes.map((c) => [frenchTypography(c.name), c.insee ?? '']),
      wide: false,
    },
  ]
}

function signature(s: SignatoryBlockBlock['signatories'][number], context: LayoutContext): PrintSignature {
  const name = [s.civility ? CIVILITY_LABELS[s.civility] : '', s.name].filter(Boolean).join(' ')
  const mandate = [s.mandate.deliberation, s.mandate.date ? frenchDate(s.mandate.date) : ''].filter(Boolean).join(' ')
  const place = s.place ? `Fait à ${s.place}, le ` : 'Fait à …………………, le '
  return {
    organisation: frenchTypography(s.organisation || (s.partyId ? (context.placeName(s.partyId) ?? '') : '')),
    function: frenchTypography(s.function),
    name: frenchTypography(name),
    mandate: frenchTypography(mandate),
    placeAndDate: place + (s.signatureDate ? frenchDate(s.signatureDate) : '…………………'),
  }
}

/** What each block of the convention becomes on paper (see PrintDocument). */
export const BLOCK_LAYOUTS: BlockLayouts = {
  heading: (block) => [{ kind: 'heading', level: block.level, runs: textRuns(block.text, block.runs) }],
  paragraph: (block) => [{ kind: 'paragraph', runs: textRuns(block.text, block.runs) }],
  list: (block) => [printList(block)],
  ficheAction: (block, context) => [ficheSheet(block, context)],
  indicatorTable: (block, context) => [indicatorTable(block, context)],
  planningTable: (block, context) => [planningTable(block, context)],
  signatoryBlock: (block, context) => [
    { kind: 'signatures', signatories: block.signatories.map((s) => signature(s, context)) },
  ],
  // the parties' and the territory's data are top-level: their blocks say where they print
  parties: (_block, context) => partiesList(context),
  territory: (_block, context) => territory(context),
}

export function layoutBlock(block: ConventionBlock, context: LayoutContext): PrintElement[] {
  return (BLOCK_LAYOUTS[block.type] as (b: ConventionBlock, c: LayoutContext) => PrintElement[])(block, context)
}
