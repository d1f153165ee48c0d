import type { Period } from '@ctg/shared'
import { createSpecNode } from '../createSpecNode.js'
import {
  addIndicatorRow,
  addIndicatorYear,
  insertIndicatorTable,
  removeIndicatorYear,
  type PeriodSide,
} from './helpers/indicatorTableCommands.js'

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    indicatorTable: {
      /** Inserts an indicators table whose year columns follow `period`. */
      insertIndicatorTable: (options: { period: Period }) => ReturnType
      addIndicatorRow: (tablePos: number, index?: number) => ReturnType
      /** Adds a year before or after the period, in every row at once. */
      addIndicatorYear: (tablePos: number, side?: PeriodSide) => ReturnType
      /** Removes the first or last year of the period, in every row at once. */
      removeIndicatorYear: (tablePos: number, side?: PeriodSide) => ReturnType
    }
  }
}

/**
 * An indicators table: rows of indicators with a target and a reached value per
 * year. Year cells carry their year, so concurrent edits never shift a value
 * into another year's column.
 */
export const IndicatorTable = createSpecNode('indicatorTable').extend({
  addCommands() {
    return {
      insertIndicatorTable:
        ({ period }) =>
        ({ tr, state, dispatch }) =>
          dispatch ? insertIndicatorTable(tr, state.schema, period) : true,
      addIndicatorRow:
        (tablePos, index) =>
        ({ tr, state, dispatch }) =>
          dispatch ? addIndicatorRow(tr, state.schema, tablePos, index) : !!state.doc.nodeAt(tablePos),
      addIndicatorYear:
        (tablePos, side) =>
        ({ tr, state, dispatch }) =>
          dispatch ? addIndicatorYear(tr, state.schema, tablePos, side) : !!state.doc.nodeAt(tablePos),
      removeIndicatorYear:
        (tablePos, side) =>
        ({ tr, state, dispatch }) =>
          dispatch ? removeIndicatorYear(tr, tablePos, side) : !!state.doc.nodeAt(tablePos),
    }
  },
})
