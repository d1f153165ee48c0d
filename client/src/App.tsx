import { useEffect, useState } from 'react'
import { ApiError } from './api/ApiError.js'
import { api } from './api/apiClient.js'
import type { SignedIn, User } from './api/types.js'
import { rememberOidcSignIn, takeSignedOutMark } from './auth/oidcSignIn.js'
import { rememberedUser, rememberUser } from './auth/rememberedUser.js'
import { onSessionEnd, type SessionEndReason } from './auth/sessionEnd.js'
import { SignInPage } from './auth/SignInPage.js'
import { safeNext, signInPath } from './auth/signInPath.js'
import { captureTokenFromLocation, readToken, storeToken, TOKEN_STORAGE_KEY } from './auth/token.js'
import { BinPage } from './bin/BinPage.js'
import { EditorPage } from './editor/EditorPage.js'
import { InvitationPage } from './invitation/InvitationPage.js'
import { ConventionListPage } from './list/ConventionListPage.js'
import { conventionPath, navigate, parseRoute, usePathname, useSearch } from './routing/route.js'
import { AppHeader } from './ui/AppHeader.js'
import { LoadingState } from './ui/LoadingState.js'
import { NotFound } from './ui/NotFound.js'

/** read once per page load (React may call state initialisers twice) */
const backFromProviderSignOut = takeSignedOutMark()

type Session =
  { state: 'loading' } | { state: 'signedIn'; user: User } | { state: 'signedOut'; reason: SessionEndReason | null }

export function App() {
  const [session, setSession] = useState<Session>(() =>
    readToken() ? { state: 'loading' } : { state: 'signedOut', reason: backFromProviderSignOut ? 'signedOut' : null },
  )
  const [retry, setRetry] = useState(0)
  const [error, setError] = useState<string | null>(null)
  const route = parseRoute(usePathname())
  const search = new URLSearchParams(useSearch())

  useEffect(() => onSessionEnd((reason) => setSession({ state: 'signedOut', reason })), [])

  // a sign-in link pasted into a tab already open on the product only changes the hash
  useEffect(() => {
    const onHashChange = () => {
      if (!captureTokenFromLocation()) return
      setSession({ state: 'loading' })
      setRetry((n) => n + 1)
    }
    window.addEventListener('hashchange', onHashChange)
    return () => window.removeEventListener('hashchange', onHashChange)
  }, [])

  // another tab of this browser signed out, or signed someone in: this one follows
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== TOKEN_STORAGE_KEY && event.key !== null) return
      if (readToken() === null) return setSession({ state: 'signedOut', reason: 'ended' })
      setSession({ state: 'loading' })
      setRetry((n) => n + 1)
    }
    window.addEventListener('storage', onStorage)
    return () => window.removeEventListener('storage', onStorage)
  }, [])

  useEffect(() => {
    if (!readToken()) return
    let cancelled = false
    setError(null)
    api
      .me()
      .then((user) => {
        if (cancelled) return
        rememberUser(user)
        setSession({ state: 'signedIn', user })
      })
      .catch((e: unknown) => {
        if (cancelled || (e instanceof ApiError && e.status === 401)) return
        // without network, the person the token was last seen with: the editor opens the local copies
        const remembered = e instanceof ApiError && e.status === 0 ? rememberedUser() : null
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
    if (signedOut && route.name !== 'signIn' && route.name !== 'invitation') {
      const here = reason === 'signedOut' ? '/' : `${location.pathname}${location.search}`
      navigate(signInPath(here), { replace: true })
    }
    if (session.state === 'signedIn' && route.name === 'signIn') navigate(next, { replace: true })
  }, [signedOut, reason, session.state, route.name, next])

  const signIn = ({ token, user }: SignedIn, path: string) => {
    rememberOidcSignIn(false)
    storeToken(token)
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
