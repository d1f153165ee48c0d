import { useEffect, useMemo, useRef } from 'react'
import { ErrorNotice } from '../ui/ErrorNotice.js'
import { NewThreadForm } from './NewThreadForm.js'
import { ThreadCard } from './ThreadCard.js'
import { isMine, type CommentsController, type ThreadFilter } from './useComments.js'
import { useOrganisations } from './useOrganisations.js'

interface CommentsPanelProps {
  conventionId: string
  comments: CommentsController
  userId: string
  canWrite: boolean
  canModerate: boolean
  /** closes the panel and gives the focus back to its button */
  onClose: () => void
}

const FILTERS: { value: ThreadFilter; label: string }[] = [
  { value: 'open', label: 'Ouverts' },
  { value: 'resolved', label: 'Résolus' },
  { value: 'mine', label: 'Les miens' },
]

const EMPTY: Record<ThreadFilter, string> = {
  open: 'Aucun commentaire ouvert.',
  resolved: 'Aucun commentaire résolu.',
  mine: 'Vous n’avez encore participé à aucun commentaire.',
}

/**
 * The comments beside the document: the threads in document order (detached ones
 * last), filtered by open / resolved / mine, and the thread being written.
 */
export function CommentsPanel({ conventionId, comments, userId, canWrite, canModerate, onClose }: CommentsPanelProps) {
  const { threads, filter, setFilter, selectedId, draft } = comments
  const authorIds = useMemo(() => [...new Set(threads.flatMap((t) => t.messages.map((m) => m.author.id)))], [threads])
  const organisationOf = useOrganisations(conventionId, authorIds)
  const list = useRef<HTMLOListElement>(null)
  const panel = useRef<HTMLElement>(null)

  // beside the document the panel stays in view under the page's sticky header, whatever its height
  useEffect(() => {
    const top = document.querySelector<HTMLElement>('.editor-top')
    if (!top || !panel.current) return
    const observer = new ResizeObserver(() =>
      panel.current?.style.setProperty('--editor-top-height', `${top.offsetHeight}px`),
    )
    observer.observe(top)
    return () => observer.disconnect()
  }, [])

  const counts = {
    open: threads.filter((t) => t.status === 'open').length,
    resolved: threads.filter((t) => t.status === 'resolved').length,
    mine: threads.filter((t) => isMine(t, userId)).length,
  }
  const shown = threads.filter((t) => (filter === 'mine' ? isMine(t, userId) : t.status === filter))

  // the thread asked for (a click on its passage) comes into view in the panel
  useEffect(() => {
    if (!selectedId) return
    list.current
      ?.querySelector<HTMLElement>(`[data-thread-id="${CSS.escape(selectedId)}"]`)
      ?.scrollIntoView({ block: 'nearest' })
  }, [selectedId, filter, threads])

  return (
    <aside
      ref={panel}
      // Escape closes it, unless a text area being written uses it first (to cancel)
      onKeyDown={(event) => event.key === 'Escape' && !event.defaultPrevented && onClose()}
      className="comments-panel"
      aria-labelledby="comments-panel-title"
      data-testid="comments-panel"
    >
      <header className="comments-panel__header">
        <h2 id="comments-panel-title" className="comments-panel__title" tabIndex={-1}>
          Commentaires
        </h2>
        <button
          type="button"
          className="icon-button"
          onClick={onClose}
          aria-label="Fermer les commentaires"
          title="Fermer les commentaires"
          data-testid="comments-close"
        >
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
            <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
        </button>
      </header>
      <div className="comments-panel__filters" role="group" aria-label="Afficher les commentaires">
        {FILTERS.map(({ value, label }) => (
          <button
            key={value}
            type="button"
            className={`filter-chip${filter === value ? ' is-active' : ''}`}
            aria-pressed={filter === value}
            onClick={() => setFilter(value)}
            data-testid={`comments-filter-${value}`}
          >
            {label} <span className="filter-chip__count">{counts[value]}</span>
          </button>
        ))}
      </div>
      <div className="comments-panel__body">
        {!canWrite && (
          <p className="comments-panel__hint" data-testid="comments-read-only">
            Votre rôle de lecteur permet de lire les commentaires, pas d’en écrire.
          </p>
        )}
        {canWrite && !draft && !comments.notice && (
          <p className="comments-panel__hint">
            Sélectionnez un passage du texte, ou utilisez « Commenter » sur une fiche, une action clé, un tableau, un
            indicateur ou un signataire.
          </p>
        )}
        {comments.notice && (
          <p className="notice notice--warning comments-panel__notice" role="status" data-testid="comments-notice">
            {comments.notice}
          </p>
        )}
        {draft && canWrite && (
          <NewThreadForm draft={draft} onSubmit={comments.createThread} onCancel={comments.cancelDraft} />
        )}
        {comments.error !== null && !comments.loaded && (
          <ErrorNotice error={comments.error} title="Les commentaires n’ont pas pu être chargés." />
        )}
        {comments.loaded && shown.length === 0 && <p className="comments-panel__empty">{EMPTY[filter]}</p>}
        <ol
          className="comments-panel__list"
          ref={list}
          aria-label={`Commentaires ${FILTERS.find((f) => f.value === filter)!.label.toLowerCase()}`}
          data-testid="thread-list"
        >
          {shown.map((thread) => (
            <ThreadCard
              key={thread.id}
              thread={thread}
              userId={userId}
              canWrite={canWrite}
              canModerate={canModerate}
              selected={thread.id === selectedId}
              organisationOf={organisationOf}
              onSelect={() => comments.selectThread(thread.id)}
              actions={comments.actions}
            />
          ))}
        </ol>
      </div>
    </aside>
  )
}
