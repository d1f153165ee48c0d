import { forgetUser } from './rememberedUser.js'

const STORAGE_KEY = 'ctg.token'
const HASH_PARAM = 'jeton'

/** The localStorage key of the token: other tabs watch it (sign-out, sign-in elsewhere). */
export const TOKEN_STORAGE_KEY = STORAGE_KEY

/**
 * Takes the sign-in token from a link (`#jeton=…`, from scripts and ProConnect), keeps
 * it and removes it from the address bar so it is not bookmarked or shared by accident.
 */
export function captureTokenFromLocation(): boolean {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''))
  const token = params.get(HASH_PARAM)
  if (!token) return false
  storeToken(token)
  params.delete(HASH_PARAM)
  const rest = params.toString()
  history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`)
  return true
}

export function readToken(): string | null {
  return localStorage.getItem(STORAGE_KEY)
}

export function storeToken(token: string): void {
  // the token may be someone else's: who it belongs to is known once /api/me or the sign-in answers
  if (token !== readToken()) forgetUser()
  localStorage.setItem(STORAGE_KEY, token)
}

export function clearToken(): void {
  localStorage.removeItem(STORAGE_KEY)
  forgetUser()
}
