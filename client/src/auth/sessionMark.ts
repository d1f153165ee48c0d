import { forgetUser } from './rememberedUser.js'

const MARK_KEY = 'ctg.session'
/** Where the token was kept before it became an HTTP-only cookie: taken over once, then removed. */
const LEGACY_TOKEN_KEY = 'ctg.token'
const HASH_PARAM = 'jeton'

/** The localStorage key of the session mark: other tabs watch it (sign-out, sign-in elsewhere). */
export const SESSION_MARK_KEY = MARK_KEY

/**
 * The session itself is an HTTP-only cookie that no script of the page can read (a stolen
 * token is the worst an injected script could do). What the page keeps is a mark, not a
 * secret: the id of the person this browser is signed in as, so that tabs follow each other
 * and an answer about an older session is not taken for the current one.
 */
export function readSessionMark(): string | null {
  return localStorage.getItem(MARK_KEY)
}

export function markSignedIn(userId: string): void {
  // someone else signed in on this browser: the last person's remembered name goes
  if (userId !== readSessionMark()) forgetUser()
  localStorage.setItem(MARK_KEY, userId)
}

export function clearSessionMark(): void {
  localStorage.removeItem(MARK_KEY)
  forgetUser()
}

/**
 * A sign-in link (`#jeton=…`, made by scripts) or a token kept by an older version becomes
 * this browser's session cookie; the token is removed from the address bar first, so it is
 * neither bookmarked nor shared. Resolves true when a token was taken over.
 */
export async function captureTokenFromLocation(): Promise<boolean> {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''))
  const fromLink = params.get(HASH_PARAM)
  const legacy = localStorage.getItem(LEGACY_TOKEN_KEY)
  localStorage.removeItem(LEGACY_TOKEN_KEY)
  if (fromLink) {
    params.delete(HASH_PARAM)
    const rest = params.toString()
    history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`)
  }
  const token = fromLink ?? legacy
  if (!token) return false
  try {
    const response = await fetch('/api/auth/session', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    })
    return response.ok
  } catch {
    return false
  }
}

const PENDING_SIGN_OUT_KEY = 'ctg.signOutPending'

/**
 * A sign-out made without network cannot reach the server, and the browser keeps the cookie:
 * it is remembered, and finished (the session ended on the server, the cookie removed) as
 * soon as the page reaches the server again, before anyone is let back in.
 */
export function rememberPendingSignOut(): void {
  localStorage.setItem(PENDING_SIGN_OUT_KEY, '1')
}

export function pendingSignOut(): boolean {
  return localStorage.getItem(PENDING_SIGN_OUT_KEY) === '1'
}

export function signOutDone(): void {
  localStorage.removeItem(PENDING_SIGN_OUT_KEY)
}
