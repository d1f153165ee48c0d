import type { Invitation, SignedIn } from '@ctg/shared'
import { useEffect, useState, type FormEvent } from 'react'
import { ApiError } from '../api/ApiError.js'
import { api } from '../api/apiClient.js'
import { AccessLayout } from '../auth/AccessLayout.js'
import { ProConnectButton } from '../auth/ProConnectButton.js'
import { signInPath } from '../auth/signInPath.js'
import { useAuthOptions } from '../auth/useAuthOptions.js'
import { formatDateTime } from '../format/formatDate.js'
import { Link } from '../routing/Link.js'
import { conventionPath } from '../routing/route.js'
import { LoadingState } from '../ui/LoadingState.js'
import { InvitationSummary } from './InvitationSummary.js'
import { invitationProblem } from './invitationProblem.js'
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from './passwordRules.js'

type Loaded = { state: 'loading' } | { state: 'ready'; invitation: Invitation } | { state: 'error'; error: unknown }
type Field = 'name' | 'email' | 'password'

/** The server's field problems, in French (its own messages are English). */
const FIELD_ERRORS: Record<Field, string> = {
  name: 'Indiquez votre nom et votre prénom.',
  email: 'Saisissez une adresse e-mail valide.',
  password: `Le mot de passe doit compter de ${PASSWORD_MIN} à ${PASSWORD_MAX} caractères.`,
}

/**
 * An invitation link (`/invitation/:code`): who invited whom to which convention, with
 * which role; the invited person chooses a password, which creates the account, signs
 * them in and opens the convention. Someone who already has an account signs in instead.
 */
export function InvitationPage({
  code,
  onAccepted,
}: {
  code: string
  onAccepted: (signedIn: SignedIn, conventionId: string | null) => void
}) {
  const options = useAuthOptions()
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' })
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [confirmation, setConfirmation] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({})
  const [submitError, setSubmitError] = useState<unknown>(null)

  useEffect(() => {
    document.title = 'Invitation – CTG'
    let cancelled = false
    api.invitation(code).then(
      (invitation) => {
        if (cancelled) return
        setLoaded({ state: 'ready', invitation })
        // the first start's placeholder owner ("Administrateur local") is nobody's name: ask for it
        const firstStart = invitation.email === null && invitation.conventionId === null
        setName(firstStart ? '' : invitation.name)
      },
      (error: unknown) => !cancelled && setLoaded({ state: 'error', error }),
    )
    return () => {
      cancelled = true
    }
  }, [code])

  if (loaded.state === 'loading') {
    return (
      <AccessLayout testId="invitation">
        <LoadingState label="Lecture de l’invitation…" />
      </AccessLayout>
    )
  }
  if (loaded.state === 'error') {
    const { title, text, offerSignIn } = invitationProblem(loaded.error)
    return (
      <AccessLayout testId="invitation">
        <h1>{title}</h1>
        <p className="notice notice--warning" role="alert" data-testid="invitation-problem">
          {text}
        </p>
        {offerSignIn && (
          <Link href={signInPath()} className="button button--primary">
            Aller à la page de connexion
          </Link>
        )}
      </AccessLayout>
    )
  }

  const { invitation } = loaded
  const next = invitation.conventionId ? conventionPath(invitation.conventionId) : '/'
  const firstStart = invitation.email === null && invitation.conventionId === null
  const reset = invitation.purpose === 'reset'
  const accountEmail = invitation.email ?? email.trim()

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setSubmitError(null)
    setFieldErrors({})
    const local = passwordProblem(password, confirmation)
    setProblem(local)
    if (local) return
    setBusy(true)
    try {
      const answer = await api.acceptInvitation(code, {
        name: name.trim(),
        password,
        ...(invitation.email === null ? { email: email.trim() } : {}),
      })
      onAccepted(answer, answer.conventionId)
    } catch (e) {
      if (e instanceof ApiError && e.code === 'has_account') {
        setLoaded({ state: 'ready', invitation: { ...invitation, hasAccount: true } })
      } else if (e instanceof ApiError && e.code === 'email_taken') {
        setFieldErrors({ email: 'Un autre compte utilise déjà cette adresse e-mail.' })
      } else if (e instanceof ApiError && e.status === 410) {
        setLoaded({ state: 'error', error: e })
      } else if (e instanceof ApiError && e.code === 'invalid_body' && e.issues.length > 0) {
        const fields: Partial<Record<Field, string>> = {}
        for (const issue of e.issues) {
          const field = issue.path.split('.')[0] as Field
          if (field in FIELD_ERRORS) fields[field] = FIELD_ERRORS[field]
        }
        setFieldErrors(fields)
        if (Object.keys(fields).length === 0) setSubmitError(e)
      } else {
        setSubmitError(e)
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <AccessLayout testId="invitation">
      <h1>{reset ? 'Nouveau mot de passe' : firstStart ? 'Bienvenue dans votre espace' : 'Vous êtes invité'}</h1>
      {reset ? (
        <p className="access__lead" data-testid="invitation-summary">
          Un administrateur vous a transmis ce lien pour remplacer le mot de passe du compte{' '}
          <strong>{invitation.email}</strong>.
        </p>
      ) : (
        <InvitationSummary invitation={invitation} firstStart={firstStart} />
      )}

      {invitation.hasAccount && !reset ? (
        <div data-testid="invitation-has-account">
          <p className="notice notice--info">
            Vous avez déjà un compte
            {invitation.email ? (
              <>
                {' '}
                avec l’adresse <strong>{invitation.email}</strong>
              </>
            ) : null}
            . Connectez-vous pour ouvrir {invitation.conventionTitle ? 'la convention' : 'vos conventions'}.
          </p>
          <Link href={signInPath(next)} className="button button--primary" data-testid="invitation-sign-in">
            Se connecter
          </Link>
        </div>
      ) : (
        <>
          <h2 className="access__subtitle">
            {reset
              ? 'Choisissez un nouveau mot de passe'
              : firstStart
                ? 'Créez le compte administrateur'
                : 'Créez votre compte'}
          </h2>
          {options.oidc && !reset && (
            <>
              <p>
                Votre organisation utilise {options.oidc.label} ? Identifiez-vous avec
                {invitation.email ? (
                  <>
                    {' '}
                    l’adresse <strong>{invitation.email}</strong>
                  </>
                ) : (
                  ' votre adresse professionnelle'
                )}{' '}
                : votre compte sera relié à cette invitation.
              </p>
              <ProConnectButton label={options.oidc.label} next={next} />
              <p className="access__divider">
                <span>ou choisissez un mot de passe</span>
              </p>
            </>
          )}
          <form className="form access__form" onSubmit={submit} noValidate>
            <div className="form-field">
              <label htmlFor="invitation-name">Nom et prénom</label>
              <input
                id="invitation-name"
                className="input"
                value={name}
                onChange={(e) => setName(e.target.value)}
                autoComplete="name"
                maxLength={120}
                required
                aria-invalid={fieldErrors.name ? true : undefined}
                data-testid="invitation-name"
              />
              {fieldErrors.name && <p className="form-field__error">{fieldErrors.name}</p>}
            </div>
            <div className="form-field">
              <label htmlFor="invitation-email">Adresse e-mail</label>
              {invitation.email === null ? (
                <>
                  <p className="form-field__hint">Elle vous servira d’identifiant pour vous connecter.</p>
                  <input
                    id="invitation-email"
                    className="input"
                    type="email"
                    value={email}
                    onChange={(e) => setEmail(e.target.value)}
                    autoComplete="username"
                    maxLength={254}
                    required
                    aria-invalid={fieldErrors.email ? true : undefined}
                    data-testid="invitation-email"
                  />
                  {fieldErrors.email && <p className="form-field__error">{fieldErrors.email}</p>}
                </>
              ) : (
                // read-only, and there for password managers to save it with the password
                <input
                  id="invitation-email"
                  className="input input--static"
                  type="email"
                  value={invitation.email}
                  autoComplete="username"
                  readOnly
                  data-testid="invitation-email"
                />
              )}
            </div>
            <div className="form-field">
              <label htmlFor="invitation-password">Mot de passe</label>
              <p className="form-field__hint" id="invitation-password-hint">
                Au moins {PASSWORD_MIN} caractères. Une phrase facile à retenir convient très bien.
              </p>
              <input
                id="invitation-password"
                className="input"
                type="password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                autoComplete="new-password"
                maxLength={PASSWORD_MAX}
                aria-describedby="invitation-password-hint"
                aria-invalid={fieldErrors.password || problem ? true : undefined}
                required
                data-testid="invitation-password"
              />
              {fieldErrors.password && <p className="form-field__error">{fieldErrors.password}</p>}
            </div>
            <div className="form-field">
              <label htmlFor="invitation-confirmation">Confirmez le mot de passe</label>
              <input
                id="invitation-confirmation"
                className="input"
                type="password"
                value={confirmation}
                onChange={(e) => setConfirmation(e.target.value)}
                autoComplete="new-password"
                maxLength={PASSWORD_MAX}
                aria-invalid={problem ? true : undefined}
                required
                data-testid="invitation-confirmation"
              />
            </div>
            {problem && (
              <p className="notice notice--error" role="alert" data-testid="invitation-error">
                {problem}
              </p>
            )}
            {submitError !== null && (
              <p className="notice notice--error" role="alert" data-testid="invitation-error">
                {submitError instanceof ApiError ? submitError.userMessage : 'La création du compte a échoué.'}
              </p>
            )}
            <button
              type="submit"
              className="button button--primary button--block"
              disabled={busy || !name.trim() || !accountEmail}
              data-testid="invitation-submit"
            >
              {busy
                ? reset
                  ? 'Enregistrement…'
                  : 'Création du compte…'
                : reset
                  ? 'Enregistrer et me connecter'
                  : invitation.conventionId
                    ? 'Créer mon compte et ouvrir la convention'
                    : 'Créer mon compte'}
            </button>
          </form>
        </>
      )}
      <p className="access__hint">Ce lien est personnel et valable jusqu’au {formatDateTime(invitation.expiresAt)}.</p>
    </AccessLayout>
  )
}
