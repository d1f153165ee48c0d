import { useState } from 'react'
import { signOut } from './signOut.js'

/** "Se déconnecter", in the header of every signed-in page. */
export function SignOutButton({ userId, className = '' }: { userId: string; className?: string }) {
  const [busy, setBusy] = useState(false)
  const click = async () => {
    setBusy(true)
    try {
      await signOut(userId)
    } finally {
      setBusy(false)
    }
  }
  return (
    <button
      type="button"
      className={`button button--tertiary ${className}`.trim()}
      onClick={() => void click()}
      disabled={busy}
      data-testid="sign-out"
    >
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
        <path
          d="M15 4h3a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-3M10 17l-5-5 5-5M5 12h11"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      {busy ? 'Déconnexion…' : 'Se déconnecter'}
    </button>
  )
}
