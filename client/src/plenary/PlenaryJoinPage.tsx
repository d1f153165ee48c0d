import { useCallback, useEffect, useId, useState, type FormEvent, type ReactNode } from 'react'
import { ApiError } from '../api/ApiError.js'
import { ErrorNotice } from '../ui/ErrorNotice.js'
import { LoadingState } from '../ui/LoadingState.js'
import { joinedHere, markJoined } from './joinedHere.js'
import { ParticipantView, type ParticipationEnd } from './ParticipantView.js'
import { participantApi } from './plenaryApi.js'
import { PlenaryCodeForm } from './PlenaryCodeForm.js'
import type { ParticipantState, PublicPlenary } from './plenaryTypes.js'

type Stage =
  | { name: 'loading' }
  | { name: 'unknown' }
  | { name: 'error'; error: unknown }
  | { name: 'join'; plenary: PublicPlenary }
  | { name: 'participating'; state: ParticipantState; token?: string }
  | { name: 'ended'; end: ParticipationEnd; plenary: PublicPlenary | null }

/** The phone's page of a plénière, without an account: `/pleniere` asks the code, `/p/<code>` joins. */
export function PlenaryJoinPage({ code }: { code: string | null }) {
  const [stage, setStage] = useState<Stage>({ name: 'loading' })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    document.title = 'Plénière – CTG'
  }, [])

  useEffect(() => {
    if (!code) return
    let cancelled = false
    setStage({ name: 'loading' })
    const load = async (): Promise<Stage> => {
      let plenary: PublicPlenary
      try {
        plenary = await participantApi.plenary(code)
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return { name: 'unknown' }
        return { name: 'error', error }
      }
      if (plenary.status === 'closed') return { name: 'ended', end: 'closed', plenary }
      // the participant's cookie, if this browser joined already (a reload, the phone's screen turned off)
      try {
        return { name: 'participating', state: await participantApi.me(code) }
      } catch (error) {
        if (error instanceof ApiError && error.status === 410) return { name: 'ended', end: 'closed', plenary }
        if (error instanceof ApiError && error.status === 401 && joinedHere(code))
          return { name: 'ended', end: 'excluded', plenary }
        return { name: 'join', plenary }
      }
    }
    void load().then((next) => !cancelled && setStage(next))
    return () => {
      cancelled = true
    }
  }, [code, attempt])

  const onEnded = useCallback(
    (end: ParticipationEnd) =>
      setStage((current) =>
        // the socket's close and the next check may both say so: the first one stands
        current.name === 'ended'
          ? current
          : { name: 'ended', end, plenary: current.name === 'participating' ? current.state.plenary : null },
      ),
    [],
  )

  if (!code)
    return (
      <PlenaryShell title="Rejoindre une plénière">
        <p className="plenary-join__lead">
          Lisez la convention en direct, commentez-la et soutenez les fiches qui comptent pour vous, depuis votre
          téléphone, sans créer de compte.
        </p>
        <PlenaryCodeForm />
      </PlenaryShell>
    )

  switch (stage.name) {
    case 'loading':
      return (
        <PlenaryShell title="Plénière">
          <LoadingState label="Recherche de la plénière…" />
        </PlenaryShell>
      )
    case 'unknown':
      return (
        <PlenaryShell title="Code inconnu">
          <p className="plenary-join__lead" data-testid="plenary-unknown">
            Aucune plénière ne correspond au code « {code.toUpperCase()} ». Vérifiez-le sur l’écran de la salle.
          </p>
          <PlenaryCodeForm />
        </PlenaryShell>
      )
    case 'error':
      return (
        <PlenaryShell title="Plénière">
          <ErrorNotice error={stage.error} title="La plénière n’a pas pu être ouverte." />
          <button type="button" className="button button--primary" onClick={() => setAttempt((n) => n + 1)}>
            Réessayer
          </button>
        </PlenaryShell>
      )
    case 'join':
      return (
        <JoinForm
          code={code}
          plenary={stage.plenary}
          onJoined={async (token) => {
            try {
              setStage({ name: 'participating', state: await participantApi.me(code), token })
            } catch (error) {
              setStage({ name: 'error', error })
            }
          }}
          onClosed={() => setStage({ name: 'ended', end: 'closed', plenary: stage.plenary })}
        />
      )
    case 'participating': {
      const documentName = stage.state.conventionId
      return (
        <ParticipantView
          key={stage.state.participant.id}
          code={code.toUpperCase()}
          documentName={documentName}
          initial={stage.state}
          token={stage.token}
          onEnded={onEnded}
        />
      )
    }
    case 'ended':
      return stage.end === 'closed' ? (
        <PlenaryShell title="La plénière est terminée" testId="plenary-closed">
          {stage.plenary && <p className="plenary-join__plenary">{stage.plenary.title}</p>}
          <p className="plenary-join__lead">
            Merci pour votre participation ! Vos soutiens et vos commentaires ont été transmis à l’équipe qui rédige la
            convention.
          </p>
          <p>Vous pouvez fermer cette page.</p>
        </PlenaryShell>
      ) : (
        <PlenaryShell title="Votre participation a pris fin" testId="plenary-excluded">
          <p className="plenary-join__lead">
            L’animation de la plénière a retiré votre accès : vous ne pouvez plus lire la convention ni y contribuer
            depuis cet appareil.
          </p>
        </PlenaryShell>
      )
  }
}

/** The phone's frame around the join and end screens: a small banner, one column. */
function PlenaryShell({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <div className="plenary-join">
      <header className="plenary-join__band">
        <span className="brand__mark brand__mark--small">CTG</span>
        <span className="plenary-join__brand">Plénière</span>
      </header>
      <main className="plenary-join__card" id="main" data-testid={testId}>
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  )
}

function JoinForm({
  code,
  plenary,
  onJoined,
  onClosed,
}: {
  code: string
  plenary: PublicPlenary
  onJoined: (token: string) => Promise<void>
  onClosed: () => void
}) {
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const id = useId()

  const join = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const joined = await participantApi.join(code, name.trim())
      markJoined(code, joined.participant.id)
      await onJoined(joined.token)
    } catch (e) {
      if (e instanceof ApiError && e.status === 410) return onClosed()
      setError(e)
      setBusy(false)
    }
  }

  const tooMany = error instanceof ApiError && error.status === 429
  return (
    <PlenaryShell title={plenary.title} testId="plenary-join">
      <p className="plenary-join__convention">
        <span className="plenary-join__convention-label">Convention</span> {plenary.conventionTitle}
      </p>
      <form className="form plenary-join__form" onSubmit={join}>
        <div className="form-field">
          <label htmlFor={id}>Votre nom (facultatif)</label>
          <input
            id={id}
            className="input plenary-join__name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={60}
            autoComplete="name"
            placeholder="Anonyme"
            aria-describedby={`${id}-hint`}
            data-testid="participant-name-input"
          />
          <p className="form-field__hint" id={`${id}-hint`}>
            Il accompagne vos commentaires. Sans nom, vous participez en tant qu’« Anonyme ».
          </p>
        </div>
        {error !== null &&
          (tooMany ? (
            <p className="notice notice--warning" role="alert">
              Trop d’essais depuis ce réseau. Réessayez dans {(error as ApiError).retryAfter ?? 60} secondes.
            </p>
          ) : (
            <ErrorNotice error={error} title="Vous n’avez pas pu rejoindre la plénière." />
          ))}
        <button
          type="submit"
          className="button button--primary plenary-join__submit"
          disabled={busy}
          data-testid="plenary-join-submit"
        >
          {busy ? 'Connexion…' : 'Rejoindre la plénière'}
        </button>
      </form>
    </PlenaryShell>
  )
}
