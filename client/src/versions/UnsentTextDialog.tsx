import { useEffect, useState } from 'react'
import { copyText } from '../editor/copyText.js'
import { Modal } from '../ui/Modal.js'
import { forgetRefusedContent, unsentPassages, type UnsentPassage } from './unsentText.js'
import { versionsApi } from './versionsApi.js'

/**
 * Changes made on this device (offline) after the convention was adopted were refused:
 * says so, and offers their text for copy rather than dropping it silently.
 */
export function UnsentTextDialog({ conventionId, onClose }: { conventionId: string; onClose: () => void }) {
  const [passages, setPassages] = useState<UnsentPassage[] | null>(null)
  const [copied, setCopied] = useState<number | null>(null)

  useEffect(() => {
    let cancelled = false
    versionsApi.current(conventionId).then(
      (server) => !cancelled && setPassages(unsentPassages(conventionId, server)),
      () => !cancelled && setPassages([]),
    )
    return () => {
      cancelled = true
    }
  }, [conventionId])

  const close = () => {
    forgetRefusedContent(conventionId)
    onClose()
  }
  // shown once the texts are known: an empty list under "voici le texte" would alarm
  if (passages === null || passages.length === 0) return null

  return (
    <Modal title="Vos modifications n’ont pas été enregistrées" onClose={close} testId="unsent-text-dialog">
      <p>
        Cette convention a été adoptée pendant que vous travailliez hors ligne : elle ne peut plus être modifiée, et vos
        modifications n’ont pas été envoyées. Voici le texte que vous aviez saisi, pour le copier (dans un courriel, une
        note ou un futur avenant).
      </p>
      <ul className="unsent-text__list">
        {passages.map((passage, index) => (
          <li key={index} className="unsent-text__item">
            <textarea
              className="input unsent-text__text"
              readOnly
              value={passage.text}
              aria-label={`Texte non envoyé ${index + 1}`}
              rows={3}
            />
            <button
              type="button"
              className="button button--secondary"
              onClick={(event) => {
                // plain-http pages (a LAN server) have no Clipboard API: the field's own selection is copied
                const field = event.currentTarget.previousElementSibling as HTMLInputElement | null
                void copyText(passage.text, field).then((done) => done && setCopied(index))
              }}
            >
              {copied === index ? 'Copié' : 'Copier'}
            </button>
          </li>
        ))}
      </ul>
    </Modal>
  )
}
