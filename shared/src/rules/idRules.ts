/**
 * Ids of blocks, entries, parties and communes: stable across edits and exports, unique in
 * a convention, 1 to 64 characters. A fresh id is a prefix that says what it names, then
 * random characters (`createId`).
 */

export const ID_MAX_LENGTH = 64

/** The prefix of a fresh id, by node type (and for the export's parties and communes). */
export const ID_PREFIX = {
  ficheAction: 'fa-',
  keyAction: 'ka-',
  indicatorTable: 'it-',
  indicatorRow: 'ir-',
  signatoryBlock: 'sb-',
  signatory: 'sg-',
  planningTable: 'pt-',
  planningRow: 'pr-',
  partiesBlock: 'pb-',
  party: 'pa-',
  territoryBlock: 'tb-',
  commune: 'co-',
} as const satisfies Record<string, string>

export function isValidId(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= ID_MAX_LENGTH
}

/** The prefix of a fresh id for a node type ('' for a type without one). */
export function idPrefixOf(nodeName: string): string {
  return (ID_PREFIX as Record<string, string>)[nodeName] ?? ''
}
