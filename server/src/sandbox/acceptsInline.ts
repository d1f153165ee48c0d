import { textLimitOf } from '@ctg/shared'
import * as Y from 'yjs'
import { holderTextLength, ReadBudgetExceeded, textHolderOf } from './textLengthViolation.js'

/** Larger updates (pastes) go to the sandbox's worker. */
const MAX_INLINE_BYTES = 2048
/** Clocks a deletion may cover: a word or a selection of text, not a block. */
const MAX_INLINE_DELETED = 512
/** Children the text-length check may read: a field of a few hundred paragraphs. */
const MAX_INLINE_READ = 2000

/** The deletions of a decoded update: per client, ranges of clocks. */
type DeleteSet = { clients: Map<number, { clock: number; len: number }[]> }

const sameId = (a: Y.ID | null, b: Y.ID | null) => (a === null ? b === null : b !== null && Y.compareIDs(a, b))
const known = (doc: Y.Doc, id: Y.ID) => Y.getState(doc.store, id.client) > id.clock

/** The item holding `id`, when the document has it and it is an item (not garbage collected). */
function itemAt(doc: Y.Doc, id: Y.ID): Y.Item | null {
  if (!known(doc, id)) return null
  const struct = Y.getItem(doc.store, id)
  return struct instanceof Y.Item ? struct : null
}

/**
 * Items YATA may have to walk past to place one insertion: characters typed at the same place
 * by others meanwhile (two people typing at the end of one field cross a few keystrokes), not
 * the thousands a crafted update piles up there (see `UpdateSandbox`).
 */
const MAX_INLINE_CROSSED = 32

/**
 * How many items Yjs walks past to integrate an insertion between `left` (holding its origin)
 * and `right` (holding its right origin), siblings of one list that starts at `start`; null when
 * more than MAX_INLINE_CROSSED, or when `right` does not follow `left` (the walk would not stop
 * before the end of the list).
 */
function crossed(
  start: Y.Item | null,
  left: Y.Item | null,
  right: Y.Item | null,
  origin: Y.ID | null,
  rightOrigin: Y.ID | null,
) {
  // both in one item: the part between them, if any, is one item once split
  if (left && left === right) {
    const gap = rightOrigin!.clock - origin!.clock - 1
    return gap < 0 ? null : Math.min(gap, 1)
  }
  // an origin inside an item splits it (its rest is walked past); so does a right origin inside one
  let count = left && origin!.clock < left.id.clock + left.length - 1 ? 1 : 0
  if (right && right.id.clock < rightOrigin!.clock) count++
  for (let o = left ? left.right : start; o !== right; o = o.right) {
    if (o === null || ++count > MAX_INLINE_CROSSED) return null
  }
  return count
}

/**
 * Where one inserted item goes, if Yjs integrates it with a walk bounded by MAX_INLINE_CROSSED:
 * its left neighbour ends at its origin and its right neighbour starts at its right origin,
 * side by side or with a few concurrent insertions between them (which YATA's conflict loop
 * walks past once each). Returns the text it goes in, or null.
 */
function placeInText(doc: Y.Doc, struct: Y.Item, previous: Y.Item | undefined, parentOfPrevious: Y.XmlText | null) {
  const { origin, rightOrigin } = struct
  // typed right after the previous item of the same update, before the same right neighbour: it
  // walks past what the previous one had after it, a part of what that one walked past
  if (previous && origin && sameId(origin, previous.lastId)) {
    return sameId(rightOrigin, previous.rightOrigin) ? parentOfPrevious : null
  }
  const left = origin ? itemAt(doc, origin) : null
  const right = rightOrigin ? itemAt(doc, rightOrigin) : null
  if ((origin && !left) || (rightOrigin && !right)) return null
  let parent: unknown
  if (left || right) {
    const neighbour = (left ?? right)!
    if (neighbour.parentSub !== null || (left && right && left.parent !== right.parent)) return null
    parent = neighbour.parent
  } else {
    // the first item of a text (or among the first, typed there concurrently), named by its parent
    if (!(struct.parent instanceof Y.ID) || struct.parentSub !== null) return null
    const holder = itemAt(doc, struct.parent)
    parent = holder?.content instanceof Y.ContentType ? holder.content.type : null
  }
  if (!(parent instanceof Y.XmlText)) return null
  return crossed(parent._start, left, right, origin, rightOrigin) === null ? null : parent
}

/** Whether the deletions only remove characters or formatting of texts, few and all known. */
function deletesOnlyText(doc: Y.Doc, ds: DeleteSet): boolean {
  let clocks = 0
  for (const [client, ranges] of ds.clients) {
    const structs = doc.store.clients.get(client)
    for (const { clock, len } of ranges) {
      clocks += len
      if (clocks > MAX_INLINE_DELETED || !structs || Y.getState(doc.store, client) < clock + len) return false
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < clock + len; i++) {
        const struct = structs[i]!
        if (!(struct instanceof Y.Item)) continue
        const { content } = struct
        const text = content instanceof Y.ContentString || content instanceof Y.ContentFormat
        if (!(text || content instanceof Y.ContentDeleted) || !(struct.parent instanceof Y.XmlText)) return false
      }
    }
  }
  return true
}

/**
 * Whether `update` can be applied to `doc` on the main thread without the sandbox's worker:
 * true only when the worker would accept it and Yjs's work on it is bounded by its size. It
 * inserts characters (no formatting, no node) into texts the document has, each where Yjs
 * places it walking past at most MAX_INLINE_CROSSED concurrent insertions, and deletes at most MAX_INLINE_DELETED clocks of text; nothing
 * waits for changes the document lacks; the texts it grows stay within their limit (counted
 * by reading at most MAX_INLINE_READ children). Anything else (and anything this cannot
 * prove) is the worker's to check, with its timeout: this only ever says yes sooner.
 * The caller makes sure that `doc` holds every update accepted so far (`UpdateSandbox`).
 */
export function acceptsInline(doc: Y.Doc, update: Uint8Array): boolean {
  if (update.byteLength > MAX_INLINE_BYTES || doc.store.pendingStructs || doc.store.pendingDs) return false
  let decoded: { structs: (Y.Item | Y.GC | Y.Skip)[]; ds: DeleteSet }
  try {
    decoded = Y.decodeUpdate(update) as typeof decoded
  } catch {
    return false
  }
  const grown = new Map<Y.XmlText, number>()
  let previous: Y.Item | undefined
  let parentOfPrevious: Y.XmlText | null = null
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) return false
    // one client's new items, in order, starting where the document's clock of it is
    const expected = previous ? previous.id.clock + previous.length : Y.getState(doc.store, struct.id.client)
    if ((previous && previous.id.client !== struct.id.client) || struct.id.clock !== expected) return false
    const text = placeInText(doc, struct, previous, parentOfPrevious)
    if (!text) return false
    grown.set(text, (grown.get(text) ?? 0) + struct.content.str.length)
    previous = struct
    parentOfPrevious = text
  }
  if (!deletesOnlyText(doc, decoded.ds)) return false
  const added = new Map<Y.XmlElement, number>()
  for (const [text, length] of grown) {
    const holder = textHolderOf(text)
    if (holder && !text._item?.deleted && !holder._item?.deleted) added.set(holder, (added.get(holder) ?? 0) + length)
  }
  try {
    for (const [holder, length] of added) {
      if (holderTextLength(holder, MAX_INLINE_READ) + length > textLimitOf(holder.nodeName)) return false
    }
  } catch (error) {
    if (error instanceof ReadBudgetExceeded) return false
    throw error
  }
  return true
}
