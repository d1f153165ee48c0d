import type { Schema } from '@tiptap/pm/model'
import type { Transaction } from '@tiptap/pm/state'
import {
  emptyIndicatorRow,
  emptyIndicatorTable,
  importIndicatorRow,
  importIndicatorTable,
  importIndicatorYear,
  periodProblem,
  type Period,
} from '@ctg/shared'
import { insertBlock } from '../../helpers/insertBlock.js'
import { insertEntry } from '../../helpers/insertEntry.js'
import { childPositions, nodeAtOfType } from '../../helpers/nodePositions.js'

/** Transaction helpers behind the indicators table commands; usable without a view. */

export function tablePeriod(tr: Transaction, tablePos: number): Period | null {
  const table = nodeAtOfType(tr, tablePos, 'indicatorTable')
  if (!table) return null
  const { startYear, endYear } = table.attrs as { startYear: number | null; endYear: number | null }
  if (startYear === null || endYear === null) return null
  return { start: startYear, end: endYear }
}

export function insertIndicatorTable(tr: Transaction, schema: Schema, period: Period): boolean {
  return insertBlock(tr, schema.nodeFromJSON(importIndicatorTable(emptyIndicatorTable(period))))
}

export function addIndicatorRow(tr: Transaction, schema: Schema, tablePos: number, index?: number): boolean {
  const period = tablePeriod(tr, tablePos)
  if (!period) return false
  // index counts rows; the title comes first in the table's content
  const at = index === undefined ? undefined : index + 1
  return insertEntry(tr, tablePos, schema.nodeFromJSON(importIndicatorRow(emptyIndicatorRow(period))), at)
}

export type PeriodSide = 'start' | 'end'

/** Adds a year before the period or after it: every row gets its cells in the same step. */
export function addIndicatorYear(tr: Transaction, schema: Schema, tablePos: number, side: PeriodSide = 'end'): boolean {
  const period = tablePeriod(tr, tablePos)
  if (!period) return false
  const year = side === 'end' ? period.end + 1 : period.start - 1
  // the rules say how long a period may be and which years there are
  if (periodProblem(side === 'end' ? period.start : year, side === 'end' ? year : period.end)) return false
  const cell = schema.nodeFromJSON(importIndicatorYear(year))
  // from the last row up, so that earlier positions stay valid
  for (const rowPos of childPositions(tr, tablePos, 'indicatorRow').reverse()) {
    const row = tr.doc.nodeAt(rowPos)!
    let insertAt = side === 'end' ? rowPos + row.nodeSize - 1 : -1
    if (side === 'start') {
      row.forEach((child, offset) => {
        if (insertAt === -1 && child.type.name === 'indicatorYear') insertAt = rowPos + 1 + offset
      })
      if (insertAt === -1) insertAt = rowPos + row.nodeSize - 1
    }
    tr.insert(insertAt, cell)
  }
  tr.setNodeAttribute(tablePos, side === 'end' ? 'endYear' : 'startYear', year)
  return true
}

/** Removes the first or last year of the period, and that year's cells from every row. */
export function removeIndicatorYear(tr: Transaction, tablePos: number, side: PeriodSide = 'end'): boolean {
  const period = tablePeriod(tr, tablePos)
  if (!period || period.end <= period.start) return false
  const year = side === 'end' ? period.end : period.start
  for (const rowPos of childPositions(tr, tablePos, 'indicatorRow').reverse()) {
    for (const cellPos of childPositions(tr, rowPos, 'indicatorYear').reverse()) {
      const cell = tr.doc.nodeAt(cellPos)!
      if (cell.attrs.year === year) tr.delete(cellPos, cellPos + cell.nodeSize)
    }
  }
  tr.setNodeAttribute(tablePos, side === 'end' ? 'endYear' : 'startYear', side === 'end' ? year - 1 : year + 1)
  return true
}
