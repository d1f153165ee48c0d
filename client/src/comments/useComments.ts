import type { HocuspocusProvider } from '@hocuspocus/provider'
import type { Editor } from '@tiptap/core'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { anchorLabel } from './anchorLabel.js'
import { commentsApi } from './commentsApi.js'
import { COMMENT_EVENT, type CommentRequest } from './commentEvents.js'
import { setHighlights } from './CommentHighlights.js'
import { locateAnchors } from './locateAnchors.js'
import { passageAnchor } from './passageAnchor.js'
import type { ThreadActions } from './ThreadCard.js'
import type { NewThreadAnchor, Thread } from './threadTypes.js'
import type { ThreadView } from './threadView.js'
import { useDocVersion } from './useDocVersion.js'
import { useThreads } from './useThreads.js'

export type ThreadFilter = 'open' | 'resolved' | 'mine'

/** A thread being written: what it will be about, before its first message is sent. */
export interface CommentDraft {
  anchor: NewThreadAnchor
  quote: string
  label: string
  /** a passage's place in the editor, highlighted while the first message is written */
  range?: { from: number; to: number }
}

interface UseCommentsOptions {
  conventionId: string
  editor: Editor | null
  provider: HocuspocusProvider | null
  userId: string
  /** owner, rédacteur and commentateur write; a lecteur reads */
  canWrite: boolean
}

export function isMine(thread: Thread, userId: string): boolean {
  return thread.author.id === userId || thread.messages.some((m) => m.author.id === userId)
}

function describe(editor: Editor | null, threads: Thread[]): ThreadView[] {
  if (!editor || editor.isDestroyed) return threads.map((t) => ({ ...t, label: 'Convention', position: null }))
  const doc = editor.state.doc
  const { passages, blocks } = locateAnchors(doc)
  return threads.map((thread) => {
    const passage = thread.anchor.detached ? undefined : passages.get(thread.id)
    const block = thread.anchor.blockId ? blocks.get(thread.anchor.blockId) : undefined
    const position = passage ? passage.from : block && !thread.anchor.detached ? block.pos : null
    const label = passage
      ? anchorLabel(editor.state, passage.from)
      : block
        ? anchorLabel(editor.state, block.pos + 1)
        : thread.anchor.detached
          ? 'Élément supprimé du document'
          : 'Texte de la convention'
    return { ...thread, label, position }
  })
}

/**
 * Everything the comments need on the editor page: the threads (live), the panel's
 * state (open, filter, shown thread, thread being written), the highlights in the
 * editor, the requests of its node views and highlights, and the actions.
 */
export function useComments({ conventionId, editor, provider, userId, canWrite }: UseCommentsOptions) {
  const { threads, loaded, error, refresh } = useThreads(conventionId, provider)
  const [open, setOpen] = useState(false)
  const [filter, setFilter] = useState<ThreadFilter>('open')
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [draft, setDraft] = useState<CommentDraft | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const docVersion = useDocVersion(editor)

  const views = useMemo(() => describe(editor, threads), [editor, threads, docVersion])

  // a thread filtered out of the panel (resolved meanwhile) is no longer shown in the document
  const selectedThread = threads.find((t) => t.id === selectedId)
  const shownSelected =
    selectedThread && (filter === 'mine' ? isMine(selectedThread, userId) : selectedThread.status === filter)
      ? selectedThread.id
      : null

  // the editor shows the open passages, the counters and the shown thread
  useEffect(() => {
    if (!editor || editor.isDestroyed) return
    setHighlights(editor.state, (tr) => editor.view.dispatch(tr), {
      threads: threads.map((t) => ({
        id: t.id,
        status: t.status,
        blockId: t.anchor.blockId,
        detached: t.anchor.detached,
      })),
      selected: shownSelected,
      draft: draft?.range ?? null,
    })
  }, [editor, threads, shownSelected, draft])

  /** Brings a thread's passage or block into view in the document. */
  const reveal = useCallback(
    (threadId: string) => {
      if (!editor || editor.isDestroyed) return
      requestAnimationFrame(() => {
        const view = editor.view
        let target = view.dom.querySelector<HTMLElement>(`[data-comment-thread="${CSS.escape(threadId)}"]`)
        if (!target) {
          const thread = describe(editor, threads).find((t) => t.id === threadId)
          const node = thread?.position != null ? view.nodeDOM(thread.position) : null
          target = node instanceof HTMLElement ? node : null
        }
        target?.scrollIntoView({ block: 'center', behavior: 'smooth' })
      })
    },
    [editor, threads],
  )

  const showThread = useCallback(
    (threadId: string, scroll: boolean) => {
      const thread = threads.find((t) => t.id === threadId)
      setOpen(true)
      setSelectedId(threadId)
      if (thread && !(filter === 'mine' && isMine(thread, userId)))
        setFilter(thread.status === 'resolved' ? 'resolved' : 'open')
      if (scroll) reveal(threadId)
    },
    [threads, filter, userId, reveal],
  )

  const commentSelection = useCallback(() => {
    if (!editor || !canWrite) return
    const result = passageAnchor(editor.state)
    setOpen(true)
    if (!result.ok) {
      setDraft(null)
      setNotice(result.reason)
      return
    }
    setNotice(null)
    setSelectedId(null)
    const { from, to } = editor.state.selection
    setDraft({
      anchor: result.anchor,
      quote: result.quote,
      label: anchorLabel(editor.state, from),
      range: { from, to },
    })
  }, [editor, canWrite])

  // requests from the node views' buttons and the highlighted passages
  const latest = useRef({ threads: views, showThread, commentSelection })
  latest.current = { threads: views, showThread, commentSelection }
  useEffect(() => {
    if (!editor) return
    const onRequest = (event: Event) => {
      const request = (event as CustomEvent<CommentRequest>).detail
      const doc = editor.state.doc
      if (request.action === 'open-thread') return latest.current.showThread(request.threadId, false)
      if (request.action === 'comment-selection') return latest.current.commentSelection()
      const block = locateAnchors(doc).blocks.get(request.blockId)
      if (request.action === 'comment-block') {
        if (!canWrite || !block) return
        setOpen(true)
        setNotice(null)
        setSelectedId(null)
        setDraft({ anchor: { blockId: request.blockId }, quote: '', label: anchorLabel(editor.state, block.pos + 1) })
        return
      }
      // the block's counter: its first open thread, in document order
      if (!block) return
      const end = block.pos + block.node.nodeSize
      const first = latest.current.threads.find(
        (t) => t.status === 'open' && t.position !== null && t.position >= block.pos && t.position < end,
      )
      if (first) latest.current.showThread(first.id, false)
      else setOpen(true)
    }
    document.addEventListener(COMMENT_EVENT, onRequest)
    return () => document.removeEventListener(COMMENT_EVENT, onRequest)
  }, [editor, canWrite])

  const actions: ThreadActions = useMemo(
    () => ({
      reply: async (threadId, body) => {
        await commentsApi.reply(conventionId, threadId, body)
        refresh()
      },
      setStatus: async (threadId, status) => {
        await commentsApi.setStatus(conventionId, threadId, status)
        refresh()
      },
      editMessage: async (threadId, messageId, body) => {
        await commentsApi.editMessage(conventionId, threadId, messageId, body)
        refresh()
      },
      deleteMessage: async (threadId, messageId) => {
        await commentsApi.deleteMessage(conventionId, threadId, messageId)
        refresh()
      },
    }),
    [conventionId, refresh],
  )

  const createThread = useCallback(
    async (body: string) => {
      if (!draft) return
      const thread = await commentsApi.create(conventionId, draft.anchor, body)
      setDraft(null)
      setFilter((f) => (f === 'resolved' ? 'open' : f))
      setSelectedId(thread.id)
      refresh()
    },
    [conventionId, draft, refresh],
  )

  return {
    threads: views,
    loaded,
    error,
    open,
    setOpen,
    filter,
    setFilter,
    selectedId,
    selectThread: (threadId: string) => showThread(threadId, true),
    draft,
    cancelDraft: () => setDraft(null),
    createThread,
    commentSelection,
    notice,
    dismissNotice: () => setNotice(null),
    actions,
    openCount: threads.filter((t) => t.status === 'open').length,
  }
}

export type CommentsController = ReturnType<typeof useComments>
