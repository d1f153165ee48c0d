/** The value of one cookie in a `Cookie` request header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const separator = part.indexOf('=')
    if (separator !== -1 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim()
  }
  return null
}

export interface CookieOptions {
  path: string
  /** seconds; 0 deletes the cookie */
  maxAge: number
  /** only over HTTPS */
  secure: boolean
}

/** A `Set-Cookie` value: always HttpOnly and SameSite=Lax (sent on the provider's top-level redirect back). */
export function setCookie(name: string, value: string, { path, maxAge, secure }: CookieOptions): string {
  return `${name}=${value}; Path=${path}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`
}
