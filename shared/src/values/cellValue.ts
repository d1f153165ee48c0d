/**
 * Indicator cells are typed as text ("189", "0,44", "1,7 ETP", "57,2 %", "").
 * The export keeps that text and adds the number and the unit it contains.
 */
export interface CellValue {
  /** what people typed, unchanged */
  text: string
  /** the number in the text (French or English decimal mark), or null */
  value: number | null
  /** what follows the number ("ETP", "%", "places"), or null */
  unit: string | null
}

// digits with optional thousands groups (space, narrow no-break space, no-break space or dot
// followed by exactly three digits), then an optional decimal part with "," or "."
const NUMBER_THEN_UNIT = /^([+-]?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,]\d+)?)\s*(.*)$/s

export function parseCellValue(text: string): CellValue {
  const trimmed = text.trim()
  const match = NUMBER_THEN_UNIT.exec(trimmed)
  if (!match) return { text, value: null, unit: null }
  const digits = match[1]!.replace(/[ \u00a0\u202f]/g, '').replace(',', '.')
  const value = Number(digits)
  if (!Number.isFinite(value)) return { text, value: null, unit: null }
  const unit = match[2]!.trim()
  return { text, value, unit: unit === '' ? null : unit }
}
