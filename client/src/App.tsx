import type { SignedIn, User } from '@ctg/shared'
import { useEffect, useState } from 'react'
import { ApiError } from './api/ApiError.js'
import { api } from './api/apiClient.js'
import { rememberOidcSignIn, takeSignedOutMark } from './auth/oidcSignIn.js'
import { rememberedUser, rememberUser } from './auth/rememberedUser.js'
import { onSessionEnd, type SessionEndReason } from './auth/sessionEnd.js'
import { SignInPage } from './auth/SignInPage.js'
import { safeNext, signInPath } from './auth/signInPath.js'
import {
  captureTokenFromLocation,
  markSignedIn,
  pendingSignOut,
  readSessionMark,
  SESSION_MARK_KEY,
  signOutDone,
} from './auth/sessionMark.js'
import { BinPage } from './bin/BinPage.js'
import { EditorPage } from './editor/EditorPage.js'
import { InvitationPage } from './invitation/InvitationPage.js'
import { FacilitatorPage } from './plenary/FacilitatorPage.js'
import { PlenaryJoinPage } from './plenary/PlenaryJoinPage.js'
import { ConventionListPage } from './list/ConventionListPage.js'
import { conventionPath, navigate, parseRoute, usePathname, useSearch } from './routing/route.js'
import { AppHeader } from './ui/AppHeader.js'
import { LoadingState } from './ui/LoadingState.js'
import { NotFound } from './ui/NotFound.js'

/** read once per page load (React may call state initialisers twice) */
const backFromProviderSignOut = takeSignedOutMark()

/** A sign-out made offline on this device ends the session on the server before anything else. */
async function finishPendingSignOut(): Promise<void> {
  if (!pendingSignOut()) return
  await api.logout().catch((e: unknown) => {
    // 401: that session had already ended; anything else (offline) is tried at the next visit
    if (!(e instanceof ApiError && e.status === 401)) throw e
  })
  signOutDone()
}

type Session =
  { state: 'loading' } | { state: 'signedIn'; user: User } | { state: 'signedOut'; reason: SessionEndReason | null }

export function App() {
  // the session cookie cannot be read: the server says who is signed in (also after ProConnect)
  const [session, setSession] = useState<Session>(() =>
    backFromProviderSignOut ? { state: 'signedOut', reason: 'signedOut' } : { state: 'loading' },
  )
  const [retry, setRetry] = useState(0)
  const [error, setError] = useState<string | null>(null)
  const route = parseRoute(usePathname())
  const search = new URLSearchParams(useSearch())

  useEffect(() => onSessionEnd((reason) => setSession({ state: 'signedOut', reason })), [])

  // a sign-in link pasted into a tab already open on the product only changes the hash
  useEffect(() => {
    const onHashChange = () => {
      void captureTokenFromLocation().then((captured) => {
        if (!captured) return
        setSession({ state: 'loading' })
        setRetry((n) => n + 1)
      })
    }
    window.addEventListener('hashchange', onHashChange)
    return () => window.removeEventListener('hashchange', onHashChange)
  }, [])

  // another tab of this browser signed out, or signed someone in: this one follows
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== SESSION_MARK_KEY && event.key !== null) return
      if (readSessionMark() === null) return setSession({ state: 'signedOut', reason: 'ended' })
      setSession({ state: 'loading' })
      setRetry((n) => n + 1)
    }
    window.addEventListener('storage', onStorage)
    return () => window.removeEventListener('storage', onStorage)
  }, [])

  useEffect(() => {
    if (backFromProviderSignOut && retry === 0) return
    const marked = readSessionMark() !== null
    let cancelled = false
    setError(null)
    finishPendingSignOut()
      .then(() => api.me())
      .then((user) => {
        if (cancelled) return
        markSignedIn(user.id)
        rememberUser(user)
        setSession({ state: 'signedIn', user })
      })
      .catch((e: unknown) => {
        if (cancelled) return
        if (e instanceof ApiError && e.status === 401) {
          // a session this browser had was ended (the api client said so); else nobody signed in here
          if (!marked) setSession({ state: 'signedOut', reason: null })
          return
        }
        // without network, the person this browser was last signed in as: the editor opens the local copies
        const remembered = e instanceof ApiError && e.status === 0 && marked ? rememberedUser() : null
        if (remembered) return setSession({ state: 'signedIn', user: remembered })
        setError(e instanceof ApiError ? e.userMessage : 'Impossible de joindre le serveur.')
      })
    return () => {
      cancelled = true
    }
  }, [retry])

  const signedOut = session.state === 'signedOut'
  const next = safeNext(search.get('next'))

  // the address says where the person is: the sign-in page, coming back here afterwards. Not
  // after signing out: whoever uses the computer next has no business on the last one's page.
  const reason = signedOut ? session.reason : null
  useEffect(() => {
    if (signedOut && route.name !== 'signIn' && route.name !== 'invitation' && route.name !== 'plenaryJoin') {
      const here = reason === 'signedOut' ? '/' : `${location.pathname}${location.search}`
      navigate(signInPath(here), { replace: true })
    }
    if (session.state === 'signedIn' && route.name === 'signIn') navigate(next, { replace: true })
  }, [signedOut, reason, session.state, route.name, next])

  const signIn = ({ user }: SignedIn, path: string) => {
    rememberOidcSignIn(false)
    markSignedIn(user.id)
    rememberUser(user)
    setError(null)
    setSession({ state: 'signedIn', user })
    navigate(path, { replace: true })
  }

  if (route.name === 'invitation') {
    return (
      <InvitationPage
        key={route.code}
        code={route.code}
        onAccepted={(answer, conventionId) => signIn(answer, conventionId ? conventionPath(conventionId) : '/')}
      />
    )
  }
  // a participant's phone: no account, whoever is signed in on this browser
  if (route.name === 'plenaryJoin') return <PlenaryJoinPage key={route.code ?? ''} code={route.code} />
  if (session.state === 'signedOut') {
    return (
      <SignInPage
        next={next}
        reason={session.reason}
        oidcFailed={search.get('erreur') === 'oidc'}
        onSignedIn={(answer) => signIn(answer, next)}
      />
    )
  }
  if (session.state === 'loading') {
    return (
      <div className="app">
        <AppHeader user={null} />
        {error ? (
          <main className="page">
            <div className="notice notice--error" role="alert">
              <p>{error}</p>
              <button type="button" className="button button--secondary" onClick={() => setRetry((n) => n + 1)}>
                Réessayer
              </button>
            </div>
          </main>
        ) : (
          <LoadingState label="Connexion à votre espace…" />
        )}
      </div>
    )
  }

  const { user } = session
  return (
    <div className="app">
      {route.name === 'editor' ? (
        <EditorPage key={route.id} conventionId={route.id} user={user} />
      ) : route.name === 'plenaryFacilitate' ? (
        <FacilitatorPage
          key={`${route.conventionId}/${route.plenaryId}`}
          conventionId={route.conventionId}
          plenaryId={route.plenaryId}
          projection={route.projection}
        />
      ) : (
        <>
          <AppHeader user={user} />
          {route.name === 'list' ? (
            <ConventionListPage />
          ) : route.name === 'bin' ? (
            <BinPage />
          ) : route.name === 'signIn' ? (
            <LoadingState label="Connexion à votre espace…" />
          ) : (
            <NotFound />
          )}
        </>
      )}
    </div>
  )
}
