import { COMMENT_MARK_NAME } from '@ctg/shared'
import type { Node as PMNode } from '@tiptap/pm/model'

export interface PassageRange {
  from: number
  to: number
  /** the text segments of the mark (it may be split by other marks) */
  segments: { from: number; to: number }[]
}

export interface Anchors {
  /** where each thread's `comment` mark is, by threadId */
  passages: Map<string, PassageRange>
  /** where each block or entry is, by its id */
  blocks: Map<string, { pos: number; node: PMNode }>
}

/** One walk over the document: the passages marked for threads and the blocks and entries by id. */
export function locateAnchors(doc: PMNode): Anchors {
  const passages = new Map<string, PassageRange>()
  const blocks = new Map<string, { pos: number; node: PMNode }>()
  doc.descendants((node, pos) => {
    if (node.isText) {
      for (const mark of node.marks) {
        if (mark.type.name !== COMMENT_MARK_NAME) continue
        const threadId = mark.attrs.threadId as string | null
        if (!threadId) continue
        const segment = { from: pos, to: pos + node.nodeSize }
        const range = passages.get(threadId)
        if (!range) passages.set(threadId, { ...segment, segments: [segment] })
        else {
          range.from = Math.min(range.from, segment.from)
          range.to = Math.max(range.to, segment.to)
          range.segments.push(segment)
        }
      }
      return false
    }
    const id = node.attrs.id as unknown
    if (typeof id === 'string' && id) blocks.set(id, { pos, node })
    return true
  })
  return { passages, blocks }
}

/** The ids of the blocks and entries that hold `pos`, innermost last. */
export function enclosingIds(doc: PMNode, pos: number): string[] {
  const $pos = doc.resolve(Math.min(Math.max(pos, 0), doc.content.size))
  const ids: string[] = []
  for (let depth = 1; depth <= $pos.depth; depth++) {
    const id = $pos.node(depth).attrs.id as unknown
    if (typeof id === 'string' && id) ids.push(id)
  }
  return ids
}
