import { useState } from 'react'
import { confirmAction } from '../ui/confirmAction.js'
import { formatDateTime, formatRelative } from '../format/formatDate.js'
import { commentErrorMessage } from './commentErrorMessage.js'
import { MessageForm } from './MessageForm.js'
import type { ThreadMessage } from './threadTypes.js'

interface ThreadMessageItemProps {
  message: ThreadMessage
  organisation: string | null
  isMine: boolean
  /** an owner may delete anyone's message (moderation) */
  canModerate: boolean
  onEdit: (body: string) => Promise<void>
  onDelete: () => Promise<void>
}

/** One message of a thread: who, from which organisation, when; its text; edit and delete when allowed. */
export function ThreadMessageItem({
  message,
  organisation,
  isMine,
  canModerate,
  onEdit,
  onDelete,
}: ThreadMessageItemProps) {
  const [editing, setEditing] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const remove = async () => {
    const ok = await confirmAction({
      title: 'Supprimer ce message ?',
      message: isMine
        ? 'Votre message sera remplacé par « message supprimé » pour tous les participants.'
        : `Le message de ${message.author.name} sera remplacé par « message supprimé » pour tous les participants.`,
      confirmLabel: 'Supprimer le message',
    })
    if (!ok) return
    setError(null)
    try {
      await onDelete()
    } catch (e) {
      setError(commentErrorMessage(e))
    }
  }

  return (
    <li className={`thread-message${message.deleted ? ' is-deleted' : ''}`} data-testid="thread-message">
      <p className="thread-message__meta">
        <span className="thread-message__author">{message.author.name}</span>
        {organisation && <span className="thread-message__organisation">{organisation}</span>}
        <time dateTime={message.createdAt} title={formatDateTime(message.createdAt)}>
          {formatRelative(message.createdAt)}
        </time>
        {message.editedAt && !message.deleted && (
          <span className="thread-message__edited" title={`Modifié ${formatDateTime(message.editedAt)}`}>
            (modifié)
          </span>
        )}
      </p>
      {message.deleted ? (
        <p className="thread-message__body thread-message__body--deleted">message supprimé</p>
      ) : editing ? (
        <MessageForm
          label="Modifier le message"
          submitLabel="Enregistrer"
          initial={message.body}
          autoFocus
          onSubmit={async (body) => {
            await onEdit(body)
            setEditing(false)
          }}
          onCancel={() => setEditing(false)}
          testId="message-edit-form"
        />
      ) : (
        <p className="thread-message__body" data-testid="thread-message-body">
          {message.body}
        </p>
      )}
      {!message.deleted && !editing && (isMine || canModerate) && (
        <div className="thread-message__actions">
          {isMine && (
            <button type="button" className="link-button" onClick={() => setEditing(true)} data-testid="message-edit">
              Modifier
            </button>
          )}
          <button
            type="button"
            className="link-button link-button--danger"
            onClick={remove}
            data-testid="message-delete"
          >
            Supprimer
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
