import { Extension } from '@tiptap/core'
import { COMMENT_MARK_NAME } from '@ctg/shared'
import { Fragment, Slice, type Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { requestComment } from './commentEvents.js'
import { enclosingIds, locateAnchors } from './locateAnchors.js'
import type { ThreadStatus } from './threadTypes.js'

/** What the panel tells the editor: each thread's status and block, and the thread it shows. */
export interface HighlightInput {
  threads: { id: string; status: ThreadStatus; blockId?: string; detached: boolean }[]
  selected: string | null
  /** the passage of the thread being written, shown while its first message is typed */
  draft?: { from: number; to: number } | null
}

interface HighlightState {
  input: HighlightInput
  decorations: DecorationSet
}

export const commentHighlightsKey = new PluginKey<HighlightState>('commentHighlights')

/** Reads the number of open threads that CommentHighlights puts on a block or entry. */
export function openThreadsFrom(decorations: readonly Decoration[]): number {
  for (const decoration of decorations) {
    const count = (decoration.spec as { openThreads?: number }).openThreads
    if (count !== undefined) return count
  }
  return 0
}

/** The same content without comment marks: only the server writes them, a pasted copy would not be accepted. */
function withoutComments(fragment: Fragment): Fragment {
  const children: PMNode[] = []
  fragment.forEach((node) => {
    if (node.isText) children.push(node.mark(node.marks.filter((m) => m.type.name !== COMMENT_MARK_NAME)))
    else children.push(node.copy(withoutComments(node.content)))
  })
  return Fragment.from(children)
}

function decorate(doc: PMNode, input: HighlightInput): DecorationSet {
  const { passages, blocks } = locateAnchors(doc)
  const status = new Map(input.threads.map((t) => [t.id, t]))
  const decorations: Decoration[] = []
  const counts = new Map<string, number>()
  const count = (ids: string[]) => ids.forEach((id) => counts.set(id, (counts.get(id) ?? 0) + 1))

  // a passage of a thread not loaded yet is shown as open: it was just created
  for (const [threadId, range] of passages) {
    const thread = status.get(threadId)
    const selected = threadId === input.selected
    // a resolved thread's passage shows only while the thread is shown in the panel
    if (thread?.status === 'resolved' && !selected) continue
    for (const segment of range.segments)
      decorations.push(
        Decoration.inline(segment.from, segment.to, {
          class: `comment-highlight${selected ? ' is-selected' : ''}`,
          'data-comment-thread': threadId,
        }),
      )
    if (thread?.status === 'open') count(enclosingIds(doc, range.from))
  }
  if (input.draft && input.draft.to > input.draft.from && input.draft.to <= doc.content.size)
    decorations.push(Decoration.inline(input.draft.from, input.draft.to, { class: 'comment-highlight is-draft' }))
  let selectedBlock: string | null = null
  for (const thread of input.threads) {
    if (thread.detached || !thread.blockId || passages.has(thread.id)) continue
    const block = blocks.get(thread.blockId)
    if (!block) continue
    if (thread.id === input.selected) selectedBlock = thread.blockId
    if (thread.status === 'open') count([...enclosingIds(doc, block.pos), thread.blockId])
  }
  for (const [id, { pos, node }] of blocks) {
    const openThreads = counts.get(id) ?? 0
    const selected = id === selectedBlock
    if (!openThreads && !selected) continue
    decorations.push(
      Decoration.node(pos, pos + node.nodeSize, selected ? { class: 'is-comment-target' } : {}, { openThreads }),
    )
  }
  return DecorationSet.create(doc, decorations)
}

/** a full walk of a long convention costs a few milliseconds: not on every keystroke */
const REFRESH_DELAY = 200
const REFRESH = 'refresh'

function apply(tr: Transaction, previous: HighlightState): HighlightState {
  const meta = tr.getMeta(commentHighlightsKey) as HighlightInput | typeof REFRESH | undefined
  if (meta === REFRESH) return { input: previous.input, decorations: decorate(tr.doc, previous.input) }
  if (meta) return { input: meta, decorations: decorate(tr.doc, meta) }
  // meanwhile the highlights follow the text; the plugin's view recomputes them shortly after
  if (tr.docChanged) {
    const draft = previous.input.draft
    const input = draft
      ? { ...previous.input, draft: { from: tr.mapping.map(draft.from, 1), to: tr.mapping.map(draft.to, -1) } }
      : previous.input
    return { input, decorations: previous.decorations.map(tr.mapping, tr.doc) }
  }
  return previous
}

/** Sends the threads' state to the editor (a transaction with no change to the document). */
export function setHighlights(state: EditorState, dispatch: (tr: Transaction) => void, input: HighlightInput): void {
  dispatch(state.tr.setMeta(commentHighlightsKey, input).setMeta('addToHistory', false))
}

/**
 * Shows the anchors of comment threads: open passages highlighted (the thread shown in
 * the panel more strongly), and the number of open threads on each block and entry,
 * which their node views read from the decorations (as they read their number).
 * A click on a highlighted passage asks the panel to open its thread.
 */
export const CommentHighlights = Extension.create({
  name: 'commentHighlights',

  addProseMirrorPlugins() {
    return [
      new Plugin<HighlightState>({
        key: commentHighlightsKey,
        state: {
          init: (_, state) => {
            const input: HighlightInput = { threads: [], selected: null }
            return { input, decorations: decorate(state.doc, input) }
          },
          apply,
        },
        view() {
          let timer: ReturnType<typeof setTimeout> | undefined
          return {
            update(view, previous) {
              if (view.state.doc === previous.doc) return
              clearTimeout(timer)
              timer = setTimeout(() => {
                if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(commentHighlightsKey, REFRESH))
              }, REFRESH_DELAY)
            },
            destroy: () => clearTimeout(timer),
          }
        },
        props: {
          decorations: (state) => commentHighlightsKey.getState(state)?.decorations,
          transformPasted: (slice) => new Slice(withoutComments(slice.content), slice.openStart, slice.openEnd),
          // DOM handlers run on a read-only editor too, where a commentateur comments
          handleDOMEvents: {
            keydown(view, event) {
              if (!(event.ctrlKey && event.altKey && event.key.toLowerCase() === 'm')) return false
              event.preventDefault()
              requestComment(view.dom, { action: 'comment-selection' })
              return true
            },
            click(view, event) {
              const target = event.target instanceof Element ? event.target : null
              const highlight = target?.closest<HTMLElement>('[data-comment-thread]')
              // a selection being made is not a click on the thread
              if (!highlight || window.getSelection()?.isCollapsed === false) return false
              requestComment(view.dom, { action: 'open-thread', threadId: highlight.dataset.commentThread! })
              return false
            },
          },
        },
      }),
    ]
  },
})
