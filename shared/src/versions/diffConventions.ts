import { diffWords } from 'diff'
import { create, type Delta } from 'jsondiffpatch'
import type { ConventionChange, WordPart } from './conventionChange.js'

/**
 * The structured difference between two exports of a convention, generic over the JSON:
 * blocks and entries are matched by their `id` (year cells by their `year`), so a moved
 * fiche is one move and new block kinds or fields need no code here. Free text (blocks
 * without an id) is matched by content; a paragraph whose text changed is one change with
 * its words, not a removal and an insertion.
 */

/** Fields that are not the convention's content (comments, plénières' results) or describe it (status, references). */
const NOT_COMPARED = new Set([
  'format',
  'version',
  'comments',
  'plenaries',
  'status',
  'adopted',
  'amends',
  'amendments',
])
/** Derived from the order (fiche 3, key action 3.2): a move shows as a move, not as renumbering. */
const DERIVED = new Set(['number'])
/** Fields that identify an item of a list, in order of preference. */
const NATURAL_KEYS = ['id', 'year'] as const
/** Read from a sibling `text` (indicator cells): reported through the text's change only. */
const FOLLOWS_TEXT = ['value', 'unit']

type JsonObject = Record<string, unknown>
const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function naturalKey(item: unknown): string | undefined {
  if (!isObject(item)) return undefined
  for (const key of NATURAL_KEYS) {
    const value = item[key]
    if (typeof value === 'string' || typeof value === 'number') return `${key}:${value}`
  }
  return undefined
}

const differ = create({
  objectHash: (item: object) => naturalKey(item) ?? JSON.stringify(item),
  arrays: { detectMove: true, includeValueOnMove: false },
  propertyFilter: (name: string) => !DERIVED.has(name),
})

interface Scope {
  blockId: string | null
  entryId?: string
  /** pointer segments relative to the block (from the root when blockId is null) */
  base: (string | number)[]
  /** at the document root, where `content` holds the blocks */
  root: boolean
}

const escape = (segment: string | number) => String(segment).replace(/~/g, '~0').replace(/\//g, '~1')
const pointer = (segments: (string | number)[]) => segments.map((s) => `/${escape(s)}`).join('')

export function wordDiff(before: string, after: string): WordPart[] {
  return diffWords(before, after).map((part) => ({
    op: part.added ? 'insert' : part.removed ? 'delete' : 'equal',
    text: part.value,
  }))
}

function change(
  op: ConventionChange['op'],
  scope: Scope,
  segments: (string | number)[],
  before: unknown,
  after: unknown,
): ConventionChange {
  const result: ConventionChange = { op, blockId: scope.blockId, path: pointer(segments), before, after }
  if (scope.entryId !== undefined) result.entryId = scope.entryId
  if (op === 'changed' && typeof before === 'string' && typeof after === 'string')
    result.words = wordDiff(before, after)
  return result
}

/** The scope of an item of the array at `scope.base`: a block of `content`, an entry, or a plain position. */
function childScope(scope: Scope, item: unknown, index: number): Scope {
  const id = isObject(item) && typeof item.id === 'string' ? item.id : undefined
  const inContent = scope.root && scope.base.length === 1 && scope.base[0] === 'content'
  if (inContent)
    return id ? { blockId: id, base: [], root: false } : { ...scope, base: [...scope.base, index], root: false }
  if (id) return { blockId: scope.blockId, entryId: id, base: [...scope.base, index], root: false }
  return { ...scope, base: [...scope.base, index] }
}

const isArrayDelta = (delta: unknown): delta is JsonObject => isObject(delta) && delta._t === 'a'

function walk(delta: Delta, left: unknown, right: unknown, scope: Scope, out: ConventionChange[]): void {
  if (delta === undefined) return
  if (Array.isArray(delta)) {
    if (delta.length === 1) out.push(change('added', scope, scope.base, null, delta[0]))
    else if (delta.length === 2) out.push(change('changed', scope, scope.base, delta[0], delta[1]))
    else if (delta.length === 3 && delta[2] === 0) out.push(change('removed', scope, scope.base, delta[0], null))
    return
  }
  if (isArrayDelta(delta)) return walkArray(delta, left as unknown[], right as unknown[], scope, out)
  if (!isObject(delta)) return
  const textChanged = 'text' in delta && isObject(left) && typeof left.text === 'string'
  for (const key of Object.keys(delta)) {
    if (textChanged && FOLLOWS_TEXT.includes(key)) continue
    const l = isObject(left) ? left[key] : undefined
    const r = isObject(right) ? right[key] : undefined
    walk(delta[key] as Delta, l, r, { ...scope, base: [...scope.base, key] }, out)
  }
}

const kindOf = (item: unknown) => (isObject(item) ? `object:${String(item.type ?? '')}` : typeof item)

function walkArray(delta: JsonObject, left: unknown[], right: unknown[], scope: Scope, out: ConventionChange[]) {
  const removed: { index: number; item: unknown }[] = []
  const inserted: { index: number; item: unknown }[] = []
  const nested: { index: number; delta: Delta }[] = []
  for (const key of Object.keys(delta)) {
    if (key === '_t') continue
    const value = delta[key] as Delta
    if (key.startsWith('_')) {
      const index = Number(key.slice(1))
      const entry = value as unknown[]
      if (entry[2] === 3) {
        const to = entry[1] as number
        out.push(change('moved', childScope(scope, right[to], to), childScope(scope, right[to], to).base, index, to))
      } else removed.push({ index, item: entry[0] })
    } else {
      const index = Number(key)
      if (Array.isArray(value) && value.length === 1) inserted.push({ index, item: value[0] })
      else nested.push({ index, delta: value })
    }
  }
  // an item without an identity that was replaced in place (a paragraph retyped, a partner renamed) is a change
  const unmatched = [...inserted]
  for (const gone of removed) {
    const pair =
      naturalKey(gone.item) === undefined
        ? unmatched.findIndex((n) => naturalKey(n.item) === undefined && kindOf(n.item) === kindOf(gone.item))
        : -1
    if (pair < 0) {
      out.push(
        change(
          'removed',
          childScope(scope, gone.item, gone.index),
          childScope(scope, gone.item, gone.index).base,
          gone.item,
          null,
        ),
      )
      continue
    }
    const [replacement] = unmatched.splice(pair, 1)
    const target = childScope(scope, replacement!.item, replacement!.index)
    if (isObject(gone.item) && isObject(replacement!.item)) {
      walk(differ.diff(gone.item, replacement!.item), gone.item, replacement!.item, target, out)
    } else out.push(change('changed', target, target.base, gone.item, replacement!.item))
  }
  for (const added of unmatched) {
    const target = childScope(scope, added.item, added.index)
    out.push(change('added', target, target.base, null, added.item))
  }
  for (const { index, delta: child } of nested) {
    const item = right[index]
    const key = naturalKey(item)
    const before = key === undefined ? left[index] : left.find((l) => naturalKey(l) === key)
    walk(child, before, item, childScope(scope, item, index), out)
  }
}

const comparable = (convention: unknown): JsonObject =>
  Object.fromEntries(Object.entries(isObject(convention) ? convention : {}).filter(([key]) => !NOT_COMPARED.has(key)))

/** The changes from `before` to `after` (two structured exports), in the diff route's shape. */
export function diffConventions(before: unknown, after: unknown): ConventionChange[] {
  const left = comparable(before)
  const right = comparable(after)
  const out: ConventionChange[] = []
  walk(differ.diff(left, right), left, right, { blockId: null, base: [], root: true }, out)
  return out
}
