import { useEffect, useId, useRef, type ReactNode } from 'react'
import { useOverflows } from './useOverflows.js'

interface ModalProps {
  title: string
  onClose: () => void
  children: ReactNode
  /** buttons, right-aligned at the bottom */
  footer?: ReactNode
  wide?: boolean
  /** a panel along the right edge, full height (long lists: the activity log) */
  side?: boolean
  testId?: string
}

/**
 * A modal dialog on the native <dialog> element: the browser traps focus, closes on
 * Escape and restores focus to the button that opened it.
 */
export function Modal({ title, onClose, children, footer, wide, side, testId }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const bodyRef = useRef<HTMLDivElement>(null)
  const scrolls = useOverflows(bodyRef)

  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
    return () => dialog?.close()
  }, [])

  return (
    <dialog
      ref={ref}
      className={`modal${wide ? ' modal--wide' : ''}${side ? ' modal--side' : ''}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
      onClick={(event) => {
        // a click on the backdrop (the dialog element itself) closes it
        if (event.target === ref.current) onClose()
      }}
    >
      <div className="modal__panel">
        <header className="modal__header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="icon-button" onClick={onClose} aria-label="Fermer">
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
              <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
            </svg>
          </button>
        </header>
        {/* a body that scrolls takes the focus, so that the keyboard can scroll it */}
        <div
          ref={bodyRef}
          className="modal__body"
          tabIndex={scrolls ? 0 : undefined}
          role={scrolls ? 'group' : undefined}
          aria-labelledby={scrolls ? titleId : undefined}
        >
          {children}
        </div>
        {footer && <footer className="modal__footer">{footer}</footer>}
      </div>
    </dialog>
  )
}
