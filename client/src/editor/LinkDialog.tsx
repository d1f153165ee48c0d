import type { Editor } from '@tiptap/core'
import { useState, type FormEvent } from 'react'
import { Modal } from '../ui/Modal.js'

/** Addresses a link may hold: web pages and e-mail addresses, nothing a click could run. */
export function linkProblem(href: string): string | null {
  if (href === '') return 'Saisissez une adresse.'
  if (/^mailto:[^\s@]+@[^\s@]+$/i.test(href)) return null
  try {
    const url = new URL(href)
    return url.protocol === 'https:' || url.protocol === 'http:'
      ? null
      : 'Seules les adresses web (https://…) et les adresses e-mail sont acceptées.'
  } catch {
    return 'Cette adresse n’est pas valide : elle doit commencer par https://'
  }
}

/** "www.caf.fr" and "nom@caf.fr" are what people type: they get their scheme. */
export function completeHref(typed: string): string {
  const href = typed.trim()
  if (/^[^\s@/:]+@[^\s@]+\.[^\s@]+$/.test(href)) return `mailto:${href}`
  if (/^www\./i.test(href)) return `https://${href}`
  return href
}

/**
 * Adds, changes or removes the link of the selected text. With nothing selected, the
 * address itself is inserted as the link's text.
 */
export function LinkDialog({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const current = editor.getAttributes('link').href as string | undefined
  const [typed, setTyped] = useState(current ?? '')
  const [problem, setProblem] = useState<string | null>(null)

  const apply = (event: FormEvent) => {
    event.preventDefault()
    const href = completeHref(typed)
    const found = linkProblem(href)
    if (found) return setProblem(found)
    const chain = editor.chain().focus().extendMarkRange('link')
    if (editor.state.selection.empty && !current)
      chain.insertContent({
        type: 'text',
        text: href.replace(/^mailto:/, ''),
        marks: [{ type: 'link', attrs: { href } }],
      })
    else chain.setLink({ href })
    chain.run()
    onClose()
  }
  const remove = () => {
    editor.chain().focus().extendMarkRange('link').unsetLink().run()
    onClose()
  }

  return (
    <Modal
      title={current ? 'Modifier le lien' : 'Ajouter un lien'}
      onClose={onClose}
      testId="link-dialog"
      footer={
        <>
          {current && (
            <button type="button" className="button button--secondary" onClick={remove} data-testid="link-remove">
              Retirer le lien
            </button>
          )}
          <button type="button" className="button button--secondary" onClick={onClose}>
            Annuler
          </button>
          <button type="submit" form="link-form" className="button button--primary" data-testid="link-apply">
            {current ? 'Modifier' : 'Ajouter'}
          </button>
        </>
      }
    >
      <form id="link-form" onSubmit={apply} noValidate>
        <div className="form-field">
          <label htmlFor="link-href">Adresse (page web ou e-mail)</label>
          <input
            id="link-href"
            className="input"
            type="text"
            inputMode="url"
            autoFocus
            value={typed}
            placeholder="https://www.caf.fr"
            aria-invalid={problem !== null}
            aria-describedby={problem ? 'link-problem' : undefined}
            onChange={(event) => {
              setTyped(event.target.value)
              setProblem(null)
            }}
            data-testid="link-href"
          />
          {problem && (
            <p id="link-problem" className="form-field__error" role="alert">
              {problem}
            </p>
          )}
        </div>
      </form>
    </Modal>
  )
}
