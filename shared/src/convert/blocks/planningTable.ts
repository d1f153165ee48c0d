import type { PlanningRow, PlanningTableBlock } from '../../export/conventionModel.js'
import { exportedCell } from '../exportedCell.js'
import { attrOf, childOf, childrenOf, inlineText, lineNode, node, type EditorNode } from '../editorJson.js'
import { blockPeriod } from './indicatorTable.js'

export function exportPlanningTable(
  table: EditorNode,
  fallbackPeriod: { start: number; end: number },
): PlanningTableBlock {
  const { start, end } = blockPeriod(table, fallbackPeriod)
  return {
    type: 'planningTable',
    id: attrOf(table, 'id'),
    title: inlineText(childOf(table, 'planningTableTitle')),
    period: { start, end },
    ownerId: attrOf<string | null>(table, 'ownerId'),
    rows: childrenOf(table, 'planningRow').map((row) => {
      const cells = new Map(childrenOf(row, 'planningYear').map((y) => [attrOf<number>(y, 'year'), y]))
      const years: PlanningRow['years'] = []
      // as in indicator tables, the period decides the columns and cells are looked up by year
      for (let year = start; year <= end; year++) {
        const cell = cells.get(year)
        years.push({
          year,
          planned: exportedCell(cell ? inlineText(childOf(cell, 'planningPlanned')) : ''),
          achieved: exportedCell(cell ? inlineText(childOf(cell, 'planningAchieved')) : ''),
        })
      }
      return {
        id: attrOf(row, 'id'),
        label: inlineText(childOf(row, 'planningLabel')),
        unit: inlineText(childOf(row, 'planningUnit')),
        existingAtSignature: exportedCell(inlineText(childOf(row, 'planningExisting'))),
        years,
      }
    }),
  }
}

export function importPlanningTable(table: PlanningTableBlock): EditorNode {
  return node(
    'planningTable',
    { id: table.id, startYear: table.period.start, endYear: table.period.end, ownerId: table.ownerId },
    [lineNode('planningTableTitle', table.title), ...table.rows.map(importPlanningRow)],
  )
}

export function importPlanningRow(row: PlanningRow): EditorNode {
  return node('planningRow', { id: row.id }, [
    lineNode('planningLabel', row.label),
    lineNode('planningUnit', row.unit),
    lineNode('planningExisting', row.existingAtSignature.text),
    ...row.years.map((y) => importPlanningYear(y.year, y.planned.text, y.achieved.text)),
  ])
}

export function importPlanningYear(year: number, planned = '', achieved = ''): EditorNode {
  return node('planningYear', { year }, [lineNode('planningPlanned', planned), lineNode('planningAchieved', achieved)])
}
