import { Y_FRAGMENT_NAME } from '@ctg/shared'
import * as Y from 'yjs'
import { anchorIdOf, isFieldNode, textRuns, walkTexts } from './walkTexts.js'

/** Characters of one text a passage covers. */
export interface PassageSegment {
  text: Y.XmlText
  index: number
  length: number
}

export type PassageResolution =
  /** the passage is there: mark these characters */
  | { kind: 'found'; segments: PassageSegment[]; quote: string; blockId: string | null; field: string }
  /** the passage existed but none of its characters remain (deleted meanwhile): a detached thread */
  | { kind: 'gone'; quote: string; blockId: string | null; field: string }
  /** the positions name changes this process has not received (yet) */
  | { kind: 'unknown' }
  | { kind: 'invalid'; message: string }

const MAX_QUOTE = 5000

/** `Y.encodeRelativePosition` in standard base64 with padding, or null. */
export function decodePosition(encoded: string): Y.RelativePosition | null {
  const bytes = Buffer.from(encoded, 'base64')
  if (bytes.length === 0 || bytes.toString('base64') !== encoded) return null
  try {
    return Y.decodeRelativePosition(bytes)
  } catch {
    return null
  }
}

const knows = (doc: Y.Doc, id: Y.ID) => Y.getState(doc.store, id.client) > id.clock

/** The item a position stands before, when it names one this document has. */
function itemOf(doc: Y.Doc, position: Y.RelativePosition): Y.Item | null {
  if (!position.item || !knows(doc, position.item)) return null
  const item = Y.getItem(doc.store, position.item)
  return item instanceof Y.Item ? item : null
}

/** Whether a type is in the document's content, itself and every ancestor not deleted. */
function isLive(type: Y.AbstractType<any>, fragment: Y.XmlFragment): boolean {
  let current: Y.AbstractType<any> | null = type
  while (current && current !== fragment) {
    const item: Y.Item | null = current._item
    if (!item || item.deleted) return false
    current = item.parent as Y.AbstractType<any>
  }
  return current === fragment
}

/** The innermost block or entry id around a type, walking up (also through deleted nodes). */
function blockIdAround(type: Y.AbstractType<any>): string | null {
  for (let current: Y.AbstractType<any> | null = type; current;) {
    if (current instanceof Y.XmlElement) {
      const id = anchorIdOf(current)
      if (id) return id
    }
    current = (current._item?.parent as Y.AbstractType<any> | undefined) ?? null
  }
  return null
}

/** The field node around a text (walking up, also through deleted nodes), else its own node's name. */
function fieldAround(type: Y.AbstractType<any>): string {
  let own: string | null = null
  for (let current: Y.AbstractType<any> | null = type; current;) {
    if (current instanceof Y.XmlElement) {
      own ??= current.nodeName
      if (isFieldNode(current.nodeName)) return current.nodeName
    }
    current = (current._item?.parent as Y.AbstractType<any> | undefined) ?? null
  }
  return own ?? 'doc'
}

/**
 * What the passage said, from the character `from` names up to the one `to` names (or
 * the end of the text), deleted characters included (gc is off).
 */
function deletedQuote(first: Y.Item, from: Y.ID, to: Y.ID | null): string {
  let quote = ''
  for (let item: Y.Item | null = first; item && quote.length < MAX_QUOTE; item = item.right) {
    if (!(item.content instanceof Y.ContentString)) continue
    const { client, clock } = item.id
    const str = item.content.str
    for (let i = item === first ? from.clock - clock : 0; i < str.length; i++) {
      if (to && to.client === client && to.clock === clock + i) return quote
      quote += str[i]
    }
  }
  return quote.slice(0, MAX_QUOTE)
}

/**
 * Resolves the relative positions a client sent for a passage (`from`: its first
 * character, `to`: just after its last one, each on the Y.XmlText that holds it) in the
 * server's document. A passage may run over several texts in document order.
 */
export function resolvePassage(doc: Y.Doc, from: Y.RelativePosition, to: Y.RelativePosition): PassageResolution {
  const fragment = doc.getXmlFragment(Y_FRAGMENT_NAME)
  for (const position of [from, to]) {
    for (const id of [position.item, position.type]) if (id && !knows(doc, id)) return { kind: 'unknown' }
    if (position.tname !== null) return { kind: 'invalid', message: 'a position must be inside a text' }
  }
  const start = Y.createAbsolutePositionFromRelativePosition(from, doc)
  const end = Y.createAbsolutePositionFromRelativePosition(to, doc)
  if (!start || !end) return { kind: 'invalid', message: 'the positions do not resolve in this convention' }
  if (!(start.type instanceof Y.XmlText) || !(end.type instanceof Y.XmlText)) {
    return { kind: 'invalid', message: 'a position must be inside a text' }
  }
  const first = itemOf(doc, from)
  const last = itemOf(doc, to)
  const gone = (): PassageResolution =>
    first && first.deleted && first.parent === start.type
      ? {
          kind: 'gone',
          quote: deletedQuote(first, from.item!, last?.parent === start.type ? to.item : null),
          blockId: blockIdAround(start.type),
          field: fieldAround(start.type),
        }
      : { kind: 'invalid', message: 'to must be after from' }
  const startLive = isLive(start.type, fragment)
  const endLive = isLive(end.type, fragment)
  if (!startLive || !endLive) return isLiveRoot(start.type, doc) && isLiveRoot(end.type, doc) ? gone() : invalidRoot()

  const texts: { text: Y.XmlText; containers: string[]; field: string }[] = []
  walkTexts(doc, { text: ({ text, containers, field }) => texts.push({ text, containers, field }) })
  const a = texts.findIndex((t) => t.text === start.type)
  const b = texts.findIndex((t) => t.text === end.type)
  if (a < 0 || b < 0) return { kind: 'invalid', message: 'the positions do not resolve in this convention' }
  if (b < a || (a === b && end.index <= start.index)) return gone()

  const segments: PassageSegment[] = []
  for (let i = a; i <= b; i++) {
    const text = texts[i]!.text
    const index = i === a ? start.index : 0
    const length = (i === b ? end.index : text.length) - index
    if (length > 0) segments.push({ text, index, length })
  }
  if (segments.length === 0) return gone()
  const quote = segments
    .map(({ text, index, length }) => textSlice(text, index, length))
    .join('\n')
    .slice(0, MAX_QUOTE)
  // the innermost block or entry that holds every text of the passage
  const lists = texts.slice(a, b + 1).map((t) => t.containers)
  let depth = 0
  while (lists.every((c) => depth < c.length && c[depth] === lists[0]![depth])) depth++
  return { kind: 'found', segments, quote, blockId: depth > 0 ? lists[0]![depth - 1]! : null, field: texts[a]!.field }
}

/** A type outside the convention's content (another root) never anchors a comment. */
function isLiveRoot(type: Y.AbstractType<any>, doc: Y.Doc): boolean {
  let current: Y.AbstractType<any> = type
  while (current._item) current = current._item.parent as Y.AbstractType<any>
  return current === doc.getXmlFragment(Y_FRAGMENT_NAME)
}

function invalidRoot(): PassageResolution {
  return { kind: 'invalid', message: 'the positions do not resolve in this convention' }
}

/** The characters [index, index + length) of a text. */
export function textSlice(text: Y.XmlText, index: number, length: number): string {
  let out = ''
  for (const run of textRuns(text)) {
    const from = Math.max(index, run.index)
    const to = Math.min(index + length, run.index + run.text.length)
    if (to > from) out += run.text.slice(from - run.index, to - run.index)
  }
  return out
}
