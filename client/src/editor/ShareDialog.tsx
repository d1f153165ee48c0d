import { useRef, useState, type FormEvent } from 'react'
import { api } from '../api/apiClient.js'
import { conventionPath } from '../routing/route.js'
import { ErrorNotice } from '../ui/ErrorNotice.js'
import { Modal } from '../ui/Modal.js'
import { copyText } from './copyText.js'

/** Creates an invitation link to this convention for a colleague. */
export function ShareDialog({
  conventionId,
  title,
  onClose,
}: {
  conventionId: string
  title: string
  onClose: () => void
}) {
  const [name, setName] = useState('')
  const [link, setLink] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const [copied, setCopied] = useState<boolean | null>(null)
  const linkInput = useRef<HTMLInputElement>(null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!name.trim()) return
    setBusy(true)
    setError(null)
    try {
      const invitation = await api.createInvitation(name.trim())
      setLink(`${location.origin}${conventionPath(conventionId)}#jeton=${encodeURIComponent(invitation.token)}`)
      setCopied(null)
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }

  const copy = async () => {
    if (!link) return
    setCopied(await copyText(link, linkInput.current))
  }

  return (
    <Modal title="Partager la convention" onClose={onClose} testId="share-dialog">
      <p className="modal__lead">
        Invitez une ou un collègue à rédiger « {title} » avec vous. La personne ouvrira la convention directement avec
        le lien.
      </p>
      <form className="form" onSubmit={submit}>
        <div className="form-field">
          <label htmlFor="share-name">Nom de la personne invitée</label>
          <p className="form-field__hint" id="share-name-hint">
            Il apparaîtra aux autres participants, par exemple « Claire Martin (EPCI) ».
          </p>
          <div className="form-row">
            <input
              id="share-name"
              className="input"
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={120}
              autoFocus
              required
              aria-describedby="share-name-hint"
              data-testid="share-name"
            />
            <button
              type="submit"
              className="button button--primary"
              disabled={busy || !name.trim()}
              data-testid="share-submit"
            >
              {busy ? 'Création…' : link ? 'Créer un autre lien' : 'Créer le lien'}
            </button>
          </div>
        </div>
      </form>
      {error !== null && <ErrorNotice error={error} title="Le lien n’a pas pu être créé." />}
      {link && (
        <div className="share-link">
          <label htmlFor="share-link">Lien d’invitation</label>
          <div className="form-row">
            <input
              id="share-link"
              ref={linkInput}
              className="input input--mono"
              value={link}
              readOnly
              onFocus={(e) => e.target.select()}
              data-testid="share-link"
            />
            <button type="button" className="button button--secondary" onClick={copy} data-testid="share-copy">
              Copier le lien
            </button>
          </div>
          <p className="share-link__feedback" role="status">
            {copied === true && '✓ Lien copié dans le presse-papiers.'}
            {copied === false && 'Copie impossible : sélectionnez le lien et copiez-le (Ctrl+C).'}
          </p>
          <p className="notice notice--warning">
            Ce lien donne accès à l’espace de rédaction : transmettez-le uniquement à la personne concernée, par un
            canal professionnel.
          </p>
        </div>
      )}
    </Modal>
  )
}
