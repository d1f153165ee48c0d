import type { IndicatorRow, IndicatorTableBlock } from '../../export/conventionModel.js'
import type { IndicatorFrequency, IndicatorKind } from '../../schema/vocabulary.js'
import { exportedCell } from '../exportedCell.js'
import { periodProblem } from '../../rules/yearRules.js'
import { attrOf, childOf, childrenOf, inlineText, lineNode, node, type EditorNode } from '../editorJson.js'

export function exportIndicatorTable(
  table: EditorNode,
  fallbackPeriod: { start: number; end: number },
): IndicatorTableBlock {
  const { start, end } = blockPeriod(table, fallbackPeriod)
  return {
    type: 'indicatorTable',
    id: attrOf(table, 'id'),
    title: inlineText(childOf(table, 'indicatorTableTitle')),
    period: { start, end },
    ownerId: attrOf<string | null>(table, 'ownerId'),
    rows: childrenOf(table, 'indicatorRow').map((row) => {
      const cells = new Map(childrenOf(row, 'indicatorYear').map((y) => [attrOf<number>(y, 'year'), y]))
      const years: IndicatorRow['years'] = []
      // the period decides the columns; a row's cells are looked up by year
      for (let year = start; year <= end; year++) {
        const cell = cells.get(year)
        years.push({
          year,
          target: exportedCell(cell ? inlineText(childOf(cell, 'indicatorTarget')) : ''),
          reached: exportedCell(cell ? inlineText(childOf(cell, 'indicatorReached')) : ''),
        })
      }
      return {
        id: attrOf(row, 'id'),
        label: inlineText(childOf(row, 'indicatorLabel')),
        kind: attrOf<IndicatorKind>(row, 'kind'),
        unit: inlineText(childOf(row, 'indicatorUnit')),
        source: inlineText(childOf(row, 'indicatorSource')),
        frequency: attrOf<IndicatorFrequency | null>(row, 'frequency'),
        collector: inlineText(childOf(row, 'indicatorCollector')),
        baseline: {
          year: attrOf(row, 'baselineYear'),
          cell: exportedCell(inlineText(childOf(row, 'indicatorBaseline'))),
        },
        years,
      }
    }),
  }
}

export function importIndicatorTable(table: IndicatorTableBlock): EditorNode {
  return node(
    'indicatorTable',
    { id: table.id, startYear: table.period.start, endYear: table.period.end, ownerId: table.ownerId },
    [lineNode('indicatorTableTitle', table.title), ...table.rows.map(importIndicatorRow)],
  )
}

export function importIndicatorRow(row: IndicatorRow): EditorNode {
  return node(
    'indicatorRow',
    { id: row.id, kind: row.kind, baselineYear: row.baseline.year, frequency: row.frequency },
    [
      lineNode('indicatorLabel', row.label),
      lineNode('indicatorUnit', row.unit),
      lineNode('indicatorSource', row.source),
      lineNode('indicatorCollector', row.collector),
      lineNode('indicatorBaseline', row.baseline.cell.text),
      ...row.years.map((y) => importIndicatorYear(y.year, y.target.text, y.reached.text)),
    ],
  )
}

export function importIndicatorYear(year: number, target = '', reached = ''): EditorNode {
  return node('indicatorYear', { year }, [lineNode('indicatorTarget', target), lineNode('indicatorReached', reached)])
}

/**
 * A table's period: its own years when both are set and form a period, else the
 * convention's (a table the update guard never saw, or one from a client outside the editor).
 */
export function blockPeriod(
  block: EditorNode,
  fallback: { start: number; end: number },
): { start: number; end: number } {
  const start = attrOf<number | null>(block, 'startYear')
  const end = attrOf<number | null>(block, 'endYear')
  return start !== null && end !== null && !periodProblem(start, end) ? { start, end } : { ...fallback }
}
