import { MessageForm } from './MessageForm.js'
import type { CommentDraft } from './useComments.js'

/** The first message of a new thread, under what it will be about. */
export function NewThreadForm({
  draft,
  onSubmit,
  onCancel,
}: {
  draft: CommentDraft
  onSubmit: (body: string) => Promise<void>
  onCancel: () => void
}) {
  return (
    <section className="thread-card thread-card--new" aria-labelledby="new-thread-title" data-testid="new-thread">
      <h3 id="new-thread-title" className="thread-card__new-title">
        Nouveau commentaire
      </h3>
      <p className="thread-card__place">{draft.label}</p>
      {draft.quote && <p className="thread-card__quote">« {draft.quote} »</p>}
      <MessageForm
        label="Votre commentaire"
        submitLabel="Commenter"
        autoFocus
        onSubmit={onSubmit}
        onCancel={onCancel}
      />
    </section>
  )
}
