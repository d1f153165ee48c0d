import { useEffect, useState } from 'react'
import { ApiError } from './api/ApiError.js'
import { api, onUnauthorized } from './api/apiClient.js'
import type { User } from './api/types.js'
import { AccessDenied } from './auth/AccessDenied.js'
import { rememberedUser, rememberUser } from './auth/rememberedUser.js'
import { captureTokenFromLocation, readToken } from './auth/token.js'
import { EditorPage } from './editor/EditorPage.js'
import { ConventionListPage } from './list/ConventionListPage.js'
import { parseRoute, usePathname } from './routing/route.js'
import { AppHeader } from './ui/AppHeader.js'
import { LoadingState } from './ui/LoadingState.js'
import { NotFound } from './ui/NotFound.js'

type Session = { state: 'loading' } | { state: 'signedIn'; user: User } | { state: 'denied'; expired: boolean }

export function App() {
  const [session, setSession] = useState<Session>(() =>
    readToken() ? { state: 'loading' } : { state: 'denied', expired: false },
  )
  const [retry, setRetry] = useState(0)
  const [error, setError] = useState<string | null>(null)
  const route = parseRoute(usePathname())

  useEffect(() => onUnauthorized(() => setSession({ state: 'denied', expired: true })), [])

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

  if (session.state === 'denied') return <AccessDenied expired={session.expired} />
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
          {route.name === 'list' ? <ConventionListPage /> : <NotFound />}
        </>
      )}
    </div>
  )
}
