import { useSyncExternalStore } from 'react'

/** The screens of the product, read from the path (the server serves index.html for all of them). */
export type Route =
  | { name: 'list' }
  | { name: 'bin' }
  | { name: 'editor'; id: string }
  | { name: 'signIn' }
  | { name: 'invitation'; code: string }
  | { name: 'notFound' }

export const SIGN_IN_PATH = '/connexion'
export const BIN_PATH = '/corbeille'

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'list' }
  if (pathname === BIN_PATH || pathname === `${BIN_PATH}/`) return { name: 'bin' }
  if (pathname === SIGN_IN_PATH || pathname === `${SIGN_IN_PATH}/`) return { name: 'signIn' }
  const editor = /^\/c\/([^/]+)\/?$/.exec(pathname)
  if (editor) return { name: 'editor', id: decodeURIComponent(editor[1]!) }
  const invitation = /^\/invitation\/([^/]+)\/?$/.exec(pathname)
  if (invitation) return { name: 'invitation', code: decodeURIComponent(invitation[1]!) }
  return { name: 'notFound' }
}

export function conventionPath(id: string): string {
  return `/c/${encodeURIComponent(id)}`
}

const NAVIGATE = 'ctg:navigate'

/** Goes to `path` without reloading; `replace` when the current page should not stay in the history. */
export function navigate(path: string, { replace = false }: { replace?: boolean } = {}): void {
  if (path === `${location.pathname}${location.search}`) return
  if (replace) history.replaceState(null, '', path)
  else history.pushState(null, '', path)
  window.dispatchEvent(new Event(NAVIGATE))
  window.scrollTo(0, 0)
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange)
  window.addEventListener(NAVIGATE, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener(NAVIGATE, onChange)
  }
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => location.pathname)
}

/** The query string, for pages that read parameters (`/connexion?next=…`). */
export function useSearch(): string {
  return useSyncExternalStore(subscribe, () => location.search)
}
