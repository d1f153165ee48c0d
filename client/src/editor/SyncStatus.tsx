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
    const show = (pending: boolean) => {
      element.textContent = pending ? PENDING : SAVED
      element.classList.toggle('save-status--pending', pending)
    }
    const onChange = ({ number }: { number: number }) => {
      element.dataset.state = number > 0 ? 'pending' : 'saved'
      if (number > 0) {
        timer ??= setTimeout(() => show(true), PENDING_DELAY)
      } else {
        clearTimeout(timer)
        timer = undefined
        show(false)
      }
    }
    onChange({ number: provider.unsyncedChanges })
    provider.on('unsyncedChanges', onChange)
    return () => {
      clearTimeout(timer)
      provider.off('unsyncedChanges', onChange)
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
        title="Chaque modification est envoyée au serveur dès qu’elle est faite. Hors connexion, elle reste dans cet onglet jusqu’au retour du réseau : ne fermez pas la page."
      >
        {SAVED}
      </span>
    </div>
  )
}
