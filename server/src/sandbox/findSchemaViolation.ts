import { editorSchema } from '@ctg/extensions'
import {
  attributeProblem,
  conventionNodes,
  periodProblem,
  SINGLE_BLOCK_NAMES,
  TITLE_MAX_LENGTH,
  TITLE_MIN_LENGTH,
  Y_FRAGMENT_NAME,
  Y_META_NAME,
  type NodeSpecData,
} from '@ctg/shared'
import type { NodeType, Schema } from '@tiptap/pm/model'
import * as Y from 'yjs'
import { planMissingChildren } from '../conventions/planMissingChildren.js'
import { standInChildren } from '../conventions/standInChildren.js'
import { textLengthViolation } from './textLengthViolation.js'

type Content = Y.Item['content']

// y-prosemirror stores a mark that may repeat as "name--" followed by 8 characters of hash
const HASHED_MARK = /^(.*)--[a-zA-Z0-9+/=]{8}$/
/** The schema nests a few levels (doc > block > field > entry > field > text); nested lists add some. */
const MAX_DEPTH = 100
const SPECS = conventionNodes as Record<string, NodeSpecData | undefined>

function nodeTypeOf(parent: Y.XmlFragment, schema: Schema): NodeType | undefined {
  return parent instanceof Y.XmlElement ? schema.nodes[parent.nodeName] : schema.topNodeType
}

/** The one value of a map entry (attribute, metadata), or undefined. */
function valueOf(content: Content): unknown {
  return content instanceof Y.ContentAny && content.arr.length === 1 ? content.arr[0] : undefined
}

function attributeViolation(element: Y.XmlElement, key: string, content: Content): string | null {
  const value = valueOf(content)
  if (!['string', 'number', 'boolean'].includes(typeof value)) return `attribute "${key}" holding no value`
  const spec = SPECS[element.nodeName]?.attrs[key]
  const problem = spec && attributeProblem(spec, value)
  return problem ? `attribute "${key}" of ${element.nodeName} outside its values` : null
}

/** The years of an element that declares a period, when both are set, must form one. */
function periodViolation(element: Y.XmlElement): string | null {
  const period = SPECS[element.nodeName]?.period
  if (!period || element._item?.deleted) return null
  const start = element.getAttribute(period.start) as unknown
  const end = element.getAttribute(period.end) as unknown
  if (start === undefined || end === undefined || start === null || end === null) return null
  const problem = periodProblem(start, end)
  return problem ? `period of ${element.nodeName} refused: ${problem}` : null
}

/** The title is a string of 1 to 300 characters, the period a period (see `rules/`). */
function metadataViolation(key: string, content: Content): string | null {
  const value = valueOf(content) as { start?: unknown; end?: unknown } | string | undefined
  if (key === 'title' && typeof value === 'string') {
    if (value.length >= TITLE_MIN_LENGTH && value.length <= TITLE_MAX_LENGTH) return null
    return `title must have ${TITLE_MIN_LENGTH} to ${TITLE_MAX_LENGTH} characters`
  }
  if (key === 'period' && typeof value === 'object' && value !== null) {
    const problem = periodProblem(value.start, value.end)
    return problem ? `metadata "period" refused: ${problem}` : null
  }
  return `metadata "${key}" refused`
}

function formatViolation(text: Y.XmlText, key: string, schema: Schema): string | null {
  const markType = schema.marks[HASHED_MARK.exec(key)?.[1] ?? key]
  if (!markType) return `unknown mark "${key}"`
  const holder = text.parent instanceof Y.XmlFragment ? nodeTypeOf(text.parent, schema) : undefined
  if (holder && !holder.allowsMarkType(markType)) return `mark "${key}" not allowed in ${holder.name}`
  return null
}

function depthOf(type: Y.XmlElement): number {
  let depth = 0
  for (let item = type._item; item && depth <= MAX_DEPTH; item = (item.parent as Y.XmlElement)._item) depth++
  return depth
}

/**
 * The first thing `update`, once applied to `doc`, put there that the editor cannot
 * hold, or null. y-prosemirror builds each node with `createChecked` and deletes, on
 * every client, an element it cannot build (unknown type, invalid content, a mark its
 * node forbids) and a whole text it cannot read (an unknown mark, an embedded value);
 * so an update is refused for an unknown node, mark or root type, for content of the
 * wrong kind (a value where nodes go, a node inside a text), for children that only
 * removing one could make valid (missing ones are added by SchemaRepair), for an
 * attribute outside the schema's values, for metadata the interface cannot show, and
 * for nesting deeper than MAX_DEPTH. Honest editors never send any of these.
 */
export function findSchemaViolation(update: Uint8Array, doc: Y.Doc, schema: Schema = editorSchema): string | null {
  const metadata = doc.getMap(Y_META_NAME)
  const parents = new Set<Y.XmlFragment>()
  const periods = new Set<Y.XmlElement>()
  const texts = new Set<Y.XmlText>()
  const singles = new Set<string>()
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item)) continue
    if (typeof struct.parent === 'string' && struct.parent !== Y_FRAGMENT_NAME && struct.parent !== Y_META_NAME) {
      return `unknown root type "${struct.parent}"`
    }
    // still waiting for its dependencies: checked with the update that brings them
    if (Y.getState(doc.store, struct.id.client) <= struct.id.clock) continue
    const item = Y.getItem(doc.store, struct.id)
    if (!(item instanceof Y.Item) || item.deleted) continue
    const { content, parent, parentSub } = item
    if (content instanceof Y.ContentType && content.type instanceof Y.XmlElement) {
      const name = content.type.nodeName
      if (!schema.nodes[name] || name === 'text' || name === schema.topNodeType.name)
        return `unknown node type "${name}"`
      if (depthOf(content.type) > MAX_DEPTH) return 'nodes nested too deep'
      if (SINGLE_BLOCK_NAMES.has(name)) singles.add(name)
    }
    if (parent === metadata) {
      const violation = metadataViolation(parentSub ?? '', content)
      if (violation) return violation
    } else if (parentSub !== null) {
      const violation = parent instanceof Y.XmlElement ? attributeViolation(parent, parentSub, content) : null
      if (violation) return violation
      if (parent instanceof Y.XmlElement) periods.add(parent)
    } else if (parent instanceof Y.XmlText) {
      if (content instanceof Y.ContentFormat && content.value !== null) {
        const violation = formatViolation(parent, content.key, schema)
        if (violation) return violation
      } else if (!(content instanceof Y.ContentString || content instanceof Y.ContentFormat)) {
        return 'text holding something else than text'
      }
      if (content instanceof Y.ContentString) texts.add(parent)
    } else if (parent instanceof Y.XmlFragment) {
      const isNode =
        content instanceof Y.ContentType && (content.type instanceof Y.XmlElement || content.type instanceof Y.XmlText)
      if (!isNode) return 'element holding something else than nodes'
      parents.add(parent)
    }
  }
  for (const parent of parents) {
    const type = nodeTypeOf(parent, schema)
    const children = standInChildren(parent, schema)
    if (
      type &&
      children &&
      !planMissingChildren(
        type,
        children.map((c) => c.node),
      )
    ) {
      return `${type.name} holding children its content expression refuses`
    }
  }
  for (const name of singles) {
    const count = doc
      .getXmlFragment(Y_FRAGMENT_NAME)
      .toArray()
      .filter((c) => c instanceof Y.XmlElement && c.nodeName === name).length
    if (count > 1) return `a second ${name}`
  }
  for (const element of periods) {
    const violation = periodViolation(element)
    if (violation) return violation
  }
  return textLengthViolation(texts)
}
