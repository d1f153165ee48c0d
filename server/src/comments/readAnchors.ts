import type * as Y from 'yjs'
import { threadIdsOf } from './commentFormat.js'
import { textRuns, walkTexts } from './walkTexts.js'

/** Where a passage's mark is in the document now. */
export interface PassagePlace {
  /** rank in document order (shared with blocks) */
  order: number
  blockId: string | null
  /** the field node holding its first character */
  field: string
  /** characters of the container (its block or entry, else the document) before its first character */
  offset: number
  /** characters that carry the mark now */
  length: number
}

export interface DocumentAnchors {
  passages: Map<string, PassagePlace>
  /** blocks and entries by id, with their rank in document order */
  blocks: Map<string, number>
}

/**
 * Every anchor in the document, in one walk: the passages that still have a character
 * carrying their `comment` mark, and the blocks and entries by id. What is not here is
 * detached. Offsets count only text characters (a hard break is a node, not a character).
 */
export function readAnchors(doc: Y.Doc): DocumentAnchors {
  const passages = new Map<string, PassagePlace>()
  const blocks = new Map<string, number>()
  // characters seen so far in the document and in each block or entry
  let total = 0
  const counted = new Map<string, number>()
  let order = 0
  walkTexts(doc, {
    element: (id) => {
      if (!blocks.has(id)) blocks.set(id, order++)
      counted.set(id, 0)
    },
    text: ({ text, blockId, field, containers }) => {
      for (const run of textRuns(text)) {
        const before = blockId ? counted.get(blockId)! : total
        for (const threadId of threadIdsOf(run.attributes)) {
          const place = passages.get(threadId)
          if (place) place.length += run.text.length
          else passages.set(threadId, { order: order++, blockId, field, offset: before, length: run.text.length })
        }
        total += run.text.length
        for (const id of containers) counted.set(id, (counted.get(id) ?? 0) + run.text.length)
      }
    },
  })
  return { passages, blocks }
}
