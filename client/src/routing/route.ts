import { useSyncExternalStore } from 'react'

/** The screens of the product, read from the path (the server serves index.html for all of them). */
export type Route =
  | { name: 'list' }
  | { name: 'bin' }
  | { name: 'editor'; id: string }
  | { name: 'signIn' }
  | { name: 'invitation'; code: string }
  /** a participant's phone: the code typed (`null`: not yet) */
  | { name: 'plenaryJoin'; code: string | null }
  | { name: 'plenaryFacilitate'; conventionId: string; plenaryId: string; projection: boolean }
  | { name: 'notFound' }

export const SIGN_IN_PATH = '/connexion'
export const BIN_PATH = '/corbeille'
/** where a participant types a plénière's code; `/p/<code>` is the join link */
export const PLENARY_JOIN_PATH = '/pleniere'

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'list' }
  if (pathname === BIN_PATH || pathname === `${BIN_PATH}/`) return { name: 'bin' }
  if (pathname === SIGN_IN_PATH || pathname === `${SIGN_IN_PATH}/`) return { name: 'signIn' }
  const editor = /^\/c\/([^/]+)\/?$/.exec(pathname)
  if (editor) return { name: 'editor', id: decodeURIComponent(editor[1]!) }
  const invitation = /^\/invitation\/([^/]+)\/?$/.exec(pathname)
  if (invitation) return { name: 'invitation', code: decodeURIComponent(invitation[1]!) }
  const plenary = /^\/(?:p|pleniere)(?:\/([^/]+))?\/?$/.exec(pathname)
  if (plenary && (plenary[1] || pathname.startsWith(PLENARY_JOIN_PATH)))
    return { name: 'plenaryJoin', code: plenary[1] ? decodeURIComponent(plenary[1]) : null }
  const facilitate = /^\/c\/([^/]+)\/plenieres\/([^/]+)(\/projection)?\/?$/.exec(pathname)
  if (facilitate)
    return {
      name: 'plenaryFacilitate',
      conventionId: decodeURIComponent(facilitate[1]!),
      plenaryId: decodeURIComponent(facilitate[2]!),
      projection: Boolean(facilitate[3]),
    }
  return { name: 'notFound' }
}

export function plenaryJoinPath(code: string): string {
  return `/p/${encodeURIComponent(code)}`
}

export function facilitatePath(conventionId: string, plenaryId: string, projection = false): string {
  return `${conventionPath(conventionId)}/plenieres/${encodeURIComponent(plenaryId)}${projection ? '/projection' : ''}`
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
