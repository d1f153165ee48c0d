import { useState } from 'react'
import { formatDateTime } from '../format/formatDate.js'
import { commentErrorMessage } from './commentErrorMessage.js'
import { MessageForm } from './MessageForm.js'
import { ThreadMessageItem } from './ThreadMessageItem.js'
import type { ThreadView } from './threadView.js'

export interface ThreadActions {
  reply(threadId: string, body: string): Promise<void>
  setStatus(threadId: string, status: 'open' | 'resolved'): Promise<void>
  editMessage(threadId: string, messageId: string, body: string): Promise<void>
  deleteMessage(threadId: string, messageId: string): Promise<void>
}

interface ThreadCardProps {
  thread: ThreadView
  userId: string
  canWrite: boolean
  canModerate: boolean
  selected: boolean
  organisationOf: (userId: string) => string | null
  onSelect: () => void
  actions: ThreadActions
}

/**
 * One thread: where it is (block name, quoted passage), its messages, a reply box, and
 * resolve / reopen. Activating its header shows the anchor in the document.
 */
export function ThreadCard({
  thread,
  userId,
  canWrite,
  canModerate,
  selected,
  organisationOf,
  onSelect,
  actions,
}: ThreadCardProps) {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const resolved = thread.status === 'resolved'
  const headingId = `thread-${thread.id}-title`

  const toggleStatus = async () => {
    setBusy(true)
    setError(null)
    try {
      await actions.setStatus(thread.id, resolved ? 'open' : 'resolved')
    } catch (e) {
      setError(commentErrorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <li
      className={`thread-card${selected ? ' is-selected' : ''}${resolved ? ' is-resolved' : ''}${thread.anchor.detached ? ' is-detached' : ''}`}
      aria-labelledby={headingId}
      aria-current={selected ? 'true' : undefined}
      data-testid="thread-card"
      data-thread-id={thread.id}
      data-status={thread.status}
    >
      <button
        type="button"
        className="thread-card__locate"
        onClick={onSelect}
        aria-describedby={`thread-${thread.id}-hint`}
        data-testid="thread-locate"
      >
        <span id={headingId} className="thread-card__place">
          {thread.label}
        </span>
        {/* a block's quote is its name when the thread was opened: shown when it says something more */}
        {thread.anchor.quote && thread.anchor.quote !== thread.label && (
          <span className="thread-card__quote">« {thread.anchor.quote} »</span>
        )}
      </button>
      <span id={`thread-${thread.id}-hint`} className="visually-hidden">
        {thread.anchor.detached ? 'Passage supprimé du document' : 'Afficher dans le document'}
      </span>
      <p className="thread-card__badges">
        {resolved && <span className="badge badge--success">Résolu</span>}
        {thread.anchor.detached && (
          <span className="badge badge--warning" title="Le passage ou le bloc commenté a été supprimé du document.">
            Détaché
          </span>
        )}
        <span className="thread-card__started" title={formatDateTime(thread.createdAt)}>
          {thread.messages.length > 1 ? `${thread.messages.length} messages` : '1 message'}
        </span>
      </p>
      <ol className="thread-card__messages" aria-label="Messages">
        {thread.messages.map((message) => (
          <ThreadMessageItem
            key={message.id}
            message={message}
            organisation={organisationOf(message.author.id)}
            isMine={message.author.id === userId}
            canModerate={canModerate}
            onEdit={(body) => actions.editMessage(thread.id, message.id, body)}
            onDelete={() => actions.deleteMessage(thread.id, message.id)}
          />
        ))}
      </ol>
      {canWrite && (
        <div className="thread-card__footer">
          {!resolved && (
            <MessageForm
              label={`Répondre à ${thread.author.name}`}
              submitLabel="Répondre"
              onSubmit={(body) => actions.reply(thread.id, body)}
              testId="reply-form"
            />
          )}
          <button
            type="button"
            className="button button--tertiary button--small"
            onClick={toggleStatus}
            disabled={busy}
            data-testid={resolved ? 'thread-reopen' : 'thread-resolve'}
          >
            {resolved ? 'Rouvrir' : 'Résoudre'}
          </button>
        </div>
      )}
      {error && (
        <p className="message-form__error" role="alert">
          {error}
        </p>
      )}
    </li>
  )
}
