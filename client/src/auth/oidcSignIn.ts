const STORAGE_KEY = 'ctg.oidc'
const SIGNED_OUT_KEY = 'ctg.signedOut'

/**
 * Whether this device's session came from the OpenID Connect provider: signing out then
 * ends the provider's session too (ProConnect asks for it), through the server's
 * `/api/auth/oidc/logout`, which comes back to the sign-in page.
 */
export function signedInWithOidc(): boolean {
  return localStorage.getItem(STORAGE_KEY) === '1'
}

export function rememberOidcSignIn(oidc: boolean): void {
  if (oidc) localStorage.setItem(STORAGE_KEY, '1')
  else localStorage.removeItem(STORAGE_KEY)
}

/** Leaves through the provider's sign-out; the sign-in page, reloaded, still says "Vous êtes déconnecté". */
export function leaveThroughProvider(): void {
  rememberOidcSignIn(false)
  sessionStorage.setItem(SIGNED_OUT_KEY, '1')
  location.assign('/api/auth/oidc/logout')
}

/** True once after coming back from the provider's sign-out. */
export function takeSignedOutMark(): boolean {
  const marked = sessionStorage.getItem(SIGNED_OUT_KEY) === '1'
  sessionStorage.removeItem(SIGNED_OUT_KEY)
  return marked
}
