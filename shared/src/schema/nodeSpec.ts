/**
 * The document schema is declared here once, as data. The Tiptap extensions
 * (`@ctg/extensions`) build their nodes from it, the server validates stored
 * documents against it, and the exporters map each node type it names.
 */

/** One attribute of a node: a scalar with a default and, optionally, its allowed values. */
export interface AttributeSpec {
  readonly default: string | number | boolean | null
  /** Allowed values; `null` is always allowed when it is the default. */
  readonly values?: readonly (string | number | boolean)[]
  readonly type: 'string' | 'number' | 'boolean'
  /** A rule on the value beyond its type (see `rules/attributeRules.ts`). */
  readonly format?: 'year' | 'date' | 'id' | 'siren' | 'insee' | 'idList' | 'themeList'
}

/** What kind of place a node has in a structured block. */
export type NodeRole =
  /** a structured block placed in the document flow (fiche action, indicators table, signatory block) */
  | 'block'
  /** an entry of a block with a stable id (key action, indicator row, signatory) */
  | 'entry'
  /** a fixed field whose text people type (title, objectif global, a cell …) */
  | 'field'

export interface NodeSpecData {
  readonly role: NodeRole
  /** ProseMirror content expression: keeps the block's shape. */
  readonly content: string
  readonly group?: string
  /**
   * The child an emptied field gets back. Its content expression allows none, because two
   * people deleting its last paragraphs at once leave it empty, and y-prosemirror deletes
   * an element whose content is invalid (and then the block that lacks it); the server
   * adds this child back at once, for everyone (`repairMissingFields`).
   */
  readonly fill?: string
  /** Allowed marks (ProseMirror mark expression); single-line fields allow only `comment`. */
  readonly marks?: string
  readonly attrs: Readonly<Record<string, AttributeSpec>>
  /** Two year attributes that form a period when both are set (start on or before end, see `rules/yearRules.ts`). */
  readonly period?: { readonly start: string; readonly end: string }
}

export const idAttribute: AttributeSpec = { type: 'string', default: null, format: 'id' }

export function enumAttribute<const T extends readonly string[]>(values: T, fallback: T[number] | null): AttributeSpec {
  return { type: 'string', default: fallback, values }
}

/** The id of something else in the convention (a party, a commune, a table row), or null. */
export const referenceAttribute: AttributeSpec = { type: 'string', default: null, format: 'id' }

export const yearAttribute: AttributeSpec = { type: 'number', default: null, format: 'year' }

export const dateAttribute: AttributeSpec = { type: 'string', default: null, format: 'date' }
