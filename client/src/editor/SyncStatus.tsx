import type { HocuspocusProvider } from '@hocuspocus/provider'
import { useEffect, useRef } from 'react'
import type { ConnectionState } from './useCollaboration.js'

const CONNECTION_LABELS: Record<ConnectionState, string> = {
  connected: 'Connecté',
  connecting: 'Connexion…',
  disconnected: 'Hors ligne',
}

const SAVED = 'Enregistré'
const PENDING = "Modifications en cours d'envoi…"
/** acknowledged by the server, not yet written to its storage (a store follows within seconds) */
const SENT = 'Envoyé, enregistrement…'
const savedAt = (iso: string) =>
  `Enregistré à ${new Date(iso).toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' })}`
/** pending changes are shown only when they last, so a quick round trip does not flicker */
const PENDING_DELAY = 400

/**
 * The connection to the server and whether every change has reached it. The save
 * state changes on every keystroke, so it is written to the DOM directly: a React
 * render there would make React measure the selection across the whole document.
 */
export function SyncStatus({
  provider,
  connection,
}: {
  provider: HocuspocusProvider | null
  connection: ConnectionState
}) {
  const saveRef = useRef<HTMLSpanElement>(null)

  useEffect(() => {
    const element = saveRef.current
    if (!provider || !element) return
    let timer: ReturnType<typeof setTimeout> | undefined
    // true from a local change until the server says it has stored the document
    let unstored = false
    const show = (state: 'pending' | 'sent' | 'saved', text: string) => {
      element.dataset.state = state
      element.textContent = text
      element.classList.toggle('save-status--pending', state === 'pending')
    }
    const onChange = ({ number }: { number: number }) => {
      if (number > 0) {
        unstored = true
        element.dataset.state = 'pending'
        timer ??= setTimeout(() => show('pending', PENDING), PENDING_DELAY)
      } else {
        clearTimeout(timer)
        timer = undefined
        if (unstored) show('sent', SENT)
        else show('saved', element.dataset.state === 'saved' ? (element.textContent ?? SAVED) : SAVED)
      }
    }
    // the server's SaveNotifier: the document has reached its storage
    const onStateless = ({ payload }: { payload: string }) => {
      let message: { type?: string; at?: string }
      try {
        message = JSON.parse(payload) as typeof message
      } catch {
        return
      }
      if (message.type !== 'saved' || typeof message.at !== 'string' || provider.unsyncedChanges > 0) return
      unstored = false
      show('saved', savedAt(message.at))
    }
    onChange({ number: provider.unsyncedChanges })
    provider.on('unsyncedChanges', onChange)
    provider.on('stateless', onStateless)
    return () => {
      clearTimeout(timer)
      provider.off('unsyncedChanges', onChange)
      provider.off('stateless', onStateless)
    }
  }, [provider])

  return (
    <div className="sync-status">
      <span
        className={`status-pill status-pill--${connection}`}
        data-testid="connection-status"
        data-status={connection}
        role="status"
        aria-live="polite"
      >
        <span className="status-pill__dot" aria-hidden="true" />
        {CONNECTION_LABELS[connection]}
      </span>
      <span
        ref={saveRef}
        className="save-status"
        data-testid="save-status"
        data-state="saved"
        title="Chaque modification est envoyée au serveur dès qu’elle est faite, puis enregistrée dans sa base quelques secondes plus tard. Hors connexion, elle reste dans cet onglet jusqu’au retour du réseau : ne fermez pas la page."
      >
        {SAVED}
      </span>
    </div>
  )
}
