import type { AttributeSpec } from '../schema/nodeSpec.js'
import { isIsoDate } from './dateRules.js'
import { isValidId } from './idRules.js'
import { isIdList, isInseeCode, isSiren, isThemeList } from './registryCodes.js'
import { isYear } from './yearRules.js'

/**
 * Why `value` cannot be the attribute `spec` declares, or null. `null` is allowed where
 * the default is null (an unset year, date or id: the export then says null, or the server
 * gives the id). The server's update guard refuses an update that sets such a value; the
 * export model refuses it in an import.
 */
export function attributeProblem(spec: AttributeSpec, value: unknown): string | null {
  if (value === null) return spec.default === null ? null : 'must not be null'
  if (typeof value !== spec.type) return `must be a ${spec.type}`
  if (spec.values && !spec.values.includes(value as string)) return `must be one of ${spec.values.join(', ')}`
  if (spec.format === 'year' && !isYear(value)) return 'must be a whole year from 1990 to 2100'
  if (spec.format === 'date' && !isIsoDate(value)) return 'must be a date written YYYY-MM-DD'
  if (spec.format === 'id' && !isValidId(value)) return 'must be an id of 1 to 64 characters'
  if (spec.format === 'siren' && !isSiren(value)) return 'must be a SIREN number (9 digits)'
  if (spec.format === 'insee' && !isInseeCode(value)) return 'must be an INSEE code (5 characters)'
  if (spec.format === 'idList' && !isIdList(value)) return 'must be ids separated by spaces'
  if (spec.format === 'themeList' && !isThemeList(value)) return 'must be theme codes separated by spaces'
  return null
}
