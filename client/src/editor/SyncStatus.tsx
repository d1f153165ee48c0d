import { useEffect, useRef } from 'react'
import type { UnsentChanges } from '../offline/UnsentChanges.js'
import type { ConnectionState } from './useCollaboration.js'

const CONNECTION_LABELS: Record<ConnectionState, string> = {
  connected: 'Connecté',
  connecting: 'Connexion…',
  disconnected: 'Hors ligne',
}

type SaveState = 'saved' | 'pending' | 'sending' | 'offline'

const SAVED = 'Enregistré'
const PENDING = "Modifications en cours d'envoi…"
const SENDING = 'Reconnecté — envoi des modifications…'
const WAITING = 'Modifications conservées sur cet appareil'
const savedAt = (date: Date) =>
  `Enregistré à ${date.toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' })}`
/** pending changes are shown only when they last, so a quick round trip does not flicker */
const PENDING_DELAY = 400

/**
 * The connection to the server and whether every change has reached it. The server
 * acknowledges a change once it is stored, so "Enregistré à HH:MM" is the time of the
 * last acknowledgement. The save state changes on every keystroke, so it is written to
 * the DOM directly: a React render there would make React measure the selection
 * across the whole document.
 */
export function SyncStatus({ unsent, connection }: { unsent: UnsentChanges | null; connection: ConnectionState }) {
  const saveRef = useRef<HTMLSpanElement>(null)

  useEffect(() => {
    const element = saveRef.current
    if (!unsent || !element) return
    let timer: ReturnType<typeof setTimeout> | undefined
    // changes kept while offline are being sent again: say so until the server has them all
    let sending = connection === 'connected' && unsent.unsent
    const show = (state: SaveState, text: string) => {
      element.dataset.state = state
      element.textContent = text
    }
    const paint = () => {
      if (!unsent.unsent) {
        clearTimeout(timer)
        timer = undefined
        sending = false
        show('saved', unsent.confirmedAt ? savedAt(unsent.confirmedAt) : SAVED)
      } else if (connection !== 'connected') {
        show('offline', WAITING)
      } else if (sending) {
        show('sending', SENDING)
      } else {
        element.dataset.state = 'pending'
        timer ??= setTimeout(() => show('pending', PENDING), PENDING_DELAY)
      }
    }
    paint()
    const unsubscribe = unsent.subscribe(paint)
    return () => {
      clearTimeout(timer)
      unsubscribe()
    }
  }, [unsent, connection])

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
        title="Chaque modification est envoyée au serveur dès qu’elle est faite ; « Enregistré » indique que le serveur l’a conservée. Hors connexion, elle reste sur cet appareil et part au retour du réseau (si la page a été fermée entre-temps, à sa prochaine ouverture)."
      >
        {SAVED}
      </span>
    </div>
  )
}
