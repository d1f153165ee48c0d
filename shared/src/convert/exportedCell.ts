import { CELL_MAX_LENGTH } from '../rules/textLimits.js'
import { parseCellValue, type CellValue } from '../values/cellValue.js'

/**
 * A table cell as the export writes it. A cell stored before the length rule existed may be
 * longer than `CELL_MAX_LENGTH`: the export reads its first characters (the document keeps
 * all of them, and the editor shows them), as `readMeta` does for an over-long title, so
 * that exporting such a convention never fails.
 */
export function exportedCell(text: string): CellValue {
  return parseCellValue(text.slice(0, CELL_MAX_LENGTH))
}
