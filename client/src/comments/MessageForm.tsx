import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { commentErrorMessage } from './commentErrorMessage.js'
import { MAX_MESSAGE_CODE_POINTS } from '@ctg/shared'
import { messageProblem } from './messageLimits.js'

interface MessageFormProps {
  /** the label of the text area, read by screen readers and shown as its placeholder */
  label: string
  submitLabel: string
  initial?: string
  autoFocus?: boolean
  onSubmit: (body: string) => Promise<void>
  onCancel?: () => void
  testId?: string
}

/** A text area for a message (Ctrl+Entrée sends), with its errors and a send button. */
export function MessageForm({
  label,
  submitLabel,
  initial = '',
  autoFocus,
  onSubmit,
  onCancel,
  testId,
}: MessageFormProps) {
  const [body, setBody] = useState(initial)
  const [error, setError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const id = useId()
  const area = useRef<HTMLTextAreaElement>(null)

  useEffect(() => {
    if (autoFocus) area.current?.focus()
  }, [autoFocus])

  const submit = async (event?: FormEvent) => {
    event?.preventDefault()
    const problem = messageProblem(body)
    if (problem) return setError(problem)
    setSending(true)
    setError(null)
    try {
      await onSubmit(body)
      setBody('')
    } catch (e) {
      setError(commentErrorMessage(e))
    } finally {
      setSending(false)
    }
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit()
    if (event.key === 'Escape' && onCancel) {
      event.preventDefault()
      onCancel()
    }
  }

  return (
    <form className="message-form" onSubmit={submit} data-testid={testId}>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <textarea
        id={id}
        ref={area}
        className="message-form__input"
        value={body}
        placeholder={label}
        rows={2}
        maxLength={MAX_MESSAGE_CODE_POINTS * 2 + 1000}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={onKeyDown}
        data-testid="message-input"
      />
      {error && (
        <p id={`${id}-error`} className="message-form__error" role="alert">
          {error}
        </p>
      )}
      <div className="message-form__actions">
        {onCancel && (
          <button type="button" className="button button--secondary button--small" onClick={onCancel}>
            Annuler
          </button>
        )}
        <button
          type="submit"
          className="button button--primary button--small"
          disabled={sending}
          data-testid="message-send"
        >
          {sending ? 'Envoi…' : submitLabel}
        </button>
      </div>
    </form>
  )
}
