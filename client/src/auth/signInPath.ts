import { SIGN_IN_PATH } from '../routing/route.js'

/**
 * Where to go after signing in: a path of this site only (never `//host` or a full
 * address: the parameter comes from the address bar, anyone can craft it).
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/'
  if (next === SIGN_IN_PATH || next.startsWith(`${SIGN_IN_PATH}?`) || next.startsWith('/api/')) return '/'
  return next
}

/** The sign-in page, coming back to `next` afterwards. */
export function signInPath(next?: string): string {
  const target = safeNext(next)
  return target === '/' ? SIGN_IN_PATH : `${SIGN_IN_PATH}?next=${encodeURIComponent(target)}`
}

/** Starts OpenID Connect (ProConnect): a full-page navigation, back on `next` with the session cookie. */
export function oidcStartUrl(next?: string): string {
  return `/api/auth/oidc/start?next=${encodeURIComponent(safeNext(next))}`
}
