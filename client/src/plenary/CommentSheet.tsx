import { useId, useState, type FormEvent } from 'react'
import { messageProblem } from '../comments/messageLimits.js'
import { ErrorNotice } from '../ui/ErrorNotice.js'
import { Modal } from '../ui/Modal.js'
import type { CommentTarget } from './commentTarget.js'

/** The form a participant fills to comment a passage, a fiche or a key action. */
export function CommentSheet({
  target,
  onSend,
  onClose,
}: {
  target: CommentTarget
  onSend: (body: string) => Promise<void>
  onClose: () => void
}) {
  const [body, setBody] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const [touched, setTouched] = useState(false)
  const fieldId = useId()
  const problem = messageProblem(body)

  const send = async (event: FormEvent) => {
    event.preventDefault()
    setTouched(true)
    if (problem) return
    setBusy(true)
    setError(null)
    try {
      await onSend(body)
    } catch (e) {
      setError(e)
      setBusy(false)
    }
  }

  return (
    <Modal title="Votre commentaire" onClose={onClose} testId="plenary-comment-sheet">
      <form className="form plenary-comment-form" onSubmit={send}>
        <div className="plenary-comment-form__target">
          <p className="plenary-comment-form__label">{target.label}</p>
          {target.kind === 'passage' && <blockquote className="plenary-comment-form__quote">{target.quote}</blockquote>}
        </div>
        <div className="form-field">
          <label htmlFor={fieldId}>Votre commentaire</label>
          <textarea
            id={fieldId}
            className="input plenary-comment-form__body"
            rows={5}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            aria-invalid={touched && problem !== null}
            aria-describedby={`${fieldId}-hint`}
            data-testid="plenary-comment-body"
          />
          <p className="form-field__hint" id={`${fieldId}-hint`}>
            {touched && problem ? problem : 'Il est transmis à l’animation et à l’équipe de rédaction, avec votre nom.'}
          </p>
        </div>
        {error !== null && <ErrorNotice error={error} title="Le commentaire n’a pas été envoyé." />}
        <div className="plenary-comment-form__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            Annuler
          </button>
          <button type="submit" className="button button--primary" disabled={busy} data-testid="plenary-comment-send">
            {busy ? 'Envoi…' : 'Envoyer'}
          </button>
        </div>
      </form>
    </Modal>
  )
}
