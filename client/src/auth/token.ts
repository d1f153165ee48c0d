import { forgetUser } from './rememberedUser.js'

const STORAGE_KEY = 'ctg.token'
const HASH_PARAM = 'jeton'

/**
 * Takes the sign-in token from a link (`#jeton=…`), keeps it in localStorage and
 * removes it from the address bar so it is not bookmarked or shared by accident.
 */
export function captureTokenFromLocation(): boolean {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''))
  const token = params.get(HASH_PARAM)
  if (!token) return false
  // the link may be someone else's: who it belongs to is known once /api/me answers
  if (token !== readToken()) forgetUser()
  localStorage.setItem(STORAGE_KEY, token)
  params.delete(HASH_PARAM)
  const rest = params.toString()
  history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`)
  return true
}

export function readToken(): string | null {
  return localStorage.getItem(STORAGE_KEY)
}

export function clearToken(): void {
  localStorage.removeItem(STORAGE_KEY)
  forgetUser()
}
