import type { SignedIn } from '@ctg/shared'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { ApiError } from '../api/ApiError.js'
import { api } from '../api/apiClient.js'
import { AccessLayout } from './AccessLayout.js'
import { formatWait } from './formatWait.js'
import { ProConnectButton } from './ProConnectButton.js'
import type { SessionEndReason } from './sessionEnd.js'
import { useAuthOptions } from './useAuthOptions.js'

/** Why the person is here, said above the form. */
const REASONS: Record<SessionEndReason, { tone: 'warning' | 'info'; text: string }> = {
  expired: { tone: 'warning', text: 'Votre session a expiré, reconnectez-vous.' },
  ended: {
    tone: 'warning',
    text: 'Votre session a été fermée depuis un autre onglet ou un autre appareil. Reconnectez-vous pour continuer.',
  },
  signedOut: {
    tone: 'info',
    text: 'Vous êtes déconnecté. Les copies de vos conventions gardées sur cet appareil ont été effacées.',
  },
}

/**
 * The sign-in page (`/connexion?next=…`): e-mail and password, and the OpenID Connect
 * provider (ProConnect) when the server offers one. Links with `#jeton=` still sign in
 * without it.
 */
export function SignInPage({
  next,
  reason,
  oidcFailed,
  onSignedIn,
}: {
  next: string
  reason: SessionEndReason | null
  /** the provider sent the person back without a session (`?erreur=oidc`) */
  oidcFailed: boolean
  onSignedIn: (signedIn: SignedIn) => void
}) {
  const options = useAuthOptions()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [retryAt, setRetryAt] = useState<number | null>(null)
  const [now, setNow] = useState(() => Date.now())
  const passwordInput = useRef<HTMLInputElement>(null)

  useEffect(() => {
    document.title = 'Connexion – CTG'
  }, [])

  // counts the wait down after too many attempts, then lets the person try again
  useEffect(() => {
    if (retryAt === null) return
    const timer = setInterval(() => {
      setNow(Date.now())
      if (Date.now() >= retryAt) setRetryAt(null)
    }, 1000)
    return () => clearInterval(timer)
  }, [retryAt])
  const waiting = retryAt !== null && retryAt > now

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      onSignedIn(await api.login(email.trim(), password))
    } catch (e) {
      setPassword('')
      if (e instanceof ApiError && e.code === 'too_many_attempts') {
        setNow(Date.now())
        setRetryAt(Date.now() + (e.retryAfter ?? 60) * 1000)
      } else {
        setError(signInError(e))
        passwordInput.current?.focus()
      }
    } finally {
      setBusy(false)
    }
  }

  const shown = error === null && !waiting ? reason && REASONS[reason] : null

  return (
    <AccessLayout testId="sign-in">
      <h1>Connexion</h1>
      <p className="access__lead">
        Cet espace de rédaction est réservé aux équipes de la Caf et des collectivités qui préparent une Convention
        Territoriale Globale.
      </p>
      {shown && (
        <p className={`notice notice--${shown.tone}`} role="status" data-testid="sign-in-reason">
          {shown.text}
        </p>
      )}
      {oidcFailed && error === null && (
        <p className="notice notice--error" role="alert" data-testid="sign-in-error">
          La connexion avec {options.oidc?.label ?? 'ProConnect'} n’a pas abouti. Réessayez, ou connectez-vous avec
          votre adresse e-mail et votre mot de passe.
        </p>
      )}
      {error && (
        <p className="notice notice--error" role="alert" data-testid="sign-in-error">
          {error}
        </p>
      )}
      {waiting && (
        <p className="notice notice--error" role="alert" data-testid="sign-in-error">
          Trop de tentatives de connexion. Par sécurité, patientez {formatWait((retryAt - now) / 1000)} avant de
          réessayer.
        </p>
      )}

      {options.oidc && (
        <>
          <ProConnectButton label={options.oidc.label} next={next} />
          {options.password && (
            <p className="access__divider">
              <span>ou avec votre adresse e-mail</span>
            </p>
          )}
        </>
      )}

      {options.password && (
        <form className="form access__form" onSubmit={submit}>
          <div className="form-field">
            <label htmlFor="sign-in-email">Adresse e-mail</label>
            <input
              id="sign-in-email"
              className="input"
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              required
              autoFocus={!options.oidc}
              data-testid="sign-in-email"
            />
          </div>
          <div className="form-field">
            <label htmlFor="sign-in-password">Mot de passe</label>
            <input
              id="sign-in-password"
              ref={passwordInput}
              className="input"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
              data-testid="sign-in-password"
            />
          </div>
          <button
            type="submit"
            className="button button--primary button--block"
            disabled={busy || waiting}
            data-testid="sign-in-submit"
          >
            {busy ? 'Connexion…' : 'Se connecter'}
          </button>
        </form>
      )}

      <p className="access__hint">
        Pas encore de compte ? Il se crée avec le lien d’invitation qu’une personne propriétaire d’une convention vous a
        transmis.
      </p>
    </AccessLayout>
  )
}

function signInError(e: unknown): string {
  if (!(e instanceof ApiError)) return 'La connexion a échoué. Réessayez.'
  if (e.code === 'invalid_credentials' || e.status === 401) return 'Adresse e-mail ou mot de passe incorrect.'
  if (e.code === 'invalid_body') return 'Saisissez une adresse e-mail valide et votre mot de passe.'
  return e.userMessage
}
