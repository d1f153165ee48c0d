import { useEffect, useState } from 'react'
import type { UnsentChanges } from '../offline/UnsentChanges.js'
import type { ConnectionState } from './useCollaboration.js'

/**
 * A band under the toolbar while the server is out of reach, and while the changes
 * kept meanwhile are sent again. It listens to the unsent changes only then: online,
 * they change on every keystroke.
 */
export function OfflineNotice({ unsent, connection }: { unsent: UnsentChanges; connection: ConnectionState }) {
  const [pending, setPending] = useState(unsent.unsent)
  const offline = connection === 'disconnected'
  // after a reconnection, until the server has everything
  const [sending, setSending] = useState(false)

  useEffect(() => {
    if (connection === 'connecting') return
    setPending(unsent.unsent)
    setSending(connection === 'connected' && unsent.unsent)
    if (connection === 'connected' && !unsent.unsent) return
    return unsent.subscribe(() => {
      setPending(unsent.unsent)
      if (!unsent.unsent) setSending(false)
    })
  }, [unsent, connection])

  if (!offline && !sending) return null
  return (
    <div
      className={`offline-notice offline-notice--${offline ? 'offline' : 'sending'}`}
      role="status"
      data-testid="offline-notice"
    >
      <svg className="offline-notice__icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
        {offline ? (
          <path
            d="M3 3l18 18M8.5 16.4a5 5 0 0 1 7 0M5 12.9a10 10 0 0 1 4.2-2.4M19 12.9a10 10 0 0 0-3-1.9M1.5 9.3a15 15 0 0 1 4.4-2.8M22.5 9.3A15 15 0 0 0 10.7 5.1M12 20h.01"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
          />
        ) : (
          <path
            d="M20 12a8 8 0 1 1-2.3-5.7M20 4v4.5h-4.5"
            fill="none"
            stroke="currentColor"
            strokeWidth="2.2"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        )}
      </svg>
      {offline ? (
        <p>
          <strong>Hors ligne</strong> — vos modifications sont conservées sur cet appareil et seront envoyées au retour
          de la connexion.{' '}
          <span className="offline-notice__detail" data-testid="offline-pending">
            {pending
              ? 'Des modifications attendent d’être envoyées.'
              : 'Aucune modification en attente. Celles des autres personnes apparaîtront au retour de la connexion.'}
          </span>
        </p>
      ) : (
        <p>
          <strong>Reconnecté</strong> — envoi des modifications faites hors ligne…
        </p>
      )}
    </div>
  )
}
