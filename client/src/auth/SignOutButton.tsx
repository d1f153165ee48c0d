import { useState } from 'react'
import { signOut } from './signOut.js'
import { LineIcon } from '../ui/LineIcon.js'

/**
 * "Se déconnecter", in the header of every signed-in page. `compact` (the editor, whose
 * header is full) shows the icon alone, the words in its tooltip and accessible name.
 */
export function SignOutButton({ userId, compact = false }: { userId: string; compact?: boolean }) {
  const [busy, setBusy] = useState(false)
  const click = async () => {
    setBusy(true)
    try {
      await signOut(userId)
    } finally {
      setBusy(false)
    }
  }
  const label = busy ? 'Déconnexion…' : 'Se déconnecter'
  return (
    <button
      type="button"
      className={`button button--tertiary${compact ? ' button--icon' : ''}`}
      onClick={() => void click()}
      disabled={busy}
      title={compact ? label : undefined}
      aria-label={compact ? label : undefined}
      data-testid="sign-out"
    >
      <LineIcon d="M15 4h3a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-3M10 17l-5-5 5-5M5 12h11" />
      {/* on a phone the words hide visually and stay the accessible name */}
      {!compact && <span className="button__label">{label}</span>}
    </button>
  )
}
