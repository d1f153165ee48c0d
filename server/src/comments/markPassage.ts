import { COMMENT_MARK_NAME, type CommentMarkAttributes } from '@ctg/shared'
import { threadIdsOf } from './commentFormat.js'
import type { PassageSegment } from './resolvePassage.js'
import { textRuns } from './walkTexts.js'

/**
 * Puts the `comment` mark of a thread on the passage's characters, as y-prosemirror
 * stores a mark (format attribute named after the mark, valued with its attributes).
 * Characters already in another thread keep it: one thread never takes another's
 * characters. Returns how many characters were marked. Call it inside a transaction.
 */
export function markPassage(segments: PassageSegment[], threadId: string): number {
  const attributes: Record<string, CommentMarkAttributes> = { [COMMENT_MARK_NAME]: { threadId } }
  let marked = 0
  for (const { text, index, length } of segments) {
    const free: [number, number][] = []
    for (const run of textRuns(text)) {
      const from = Math.max(index, run.index)
      const to = Math.min(index + length, run.index + run.text.length)
      if (to <= from || threadIdsOf(run.attributes).length > 0) continue
      const previous = free.at(-1)
      if (previous && previous[0] + previous[1] === from) previous[1] += to - from
      else free.push([from, to - from])
    }
    for (const [from, count] of free) {
      text.format(from, count, attributes)
      marked += count
    }
  }
  return marked
}
