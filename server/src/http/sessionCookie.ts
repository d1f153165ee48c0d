import type { IncomingMessage } from 'node:http'
import { readCookie, setCookie } from './cookies.js'

/** The session cookie: the same signed token scripts send as a bearer, out of reach of page scripts (HttpOnly). */
export const SESSION_COOKIE = 'ctg_session'

/** `Set-Cookie` for a session token, living as long as the token. */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000))
  return setCookie(SESSION_COOKIE, token, { path: '/', maxAge, secure })
}

/** `Set-Cookie` that removes the session cookie (sign-out). */
export function clearedSessionCookie(secure: boolean): string {
  return setCookie(SESSION_COOKIE, '', { path: '/', maxAge: 0, secure })
}

/** The session token a request carries in its cookie, or null. */
export function sessionTokenFromCookie(cookieHeader: string | null | undefined): string | null {
  return readCookie(cookieHeader ?? undefined, SESSION_COOKIE) || null
}

/** The token of a request: its bearer token (scripts, API clients), else its session cookie (the web client). */
export function requestToken(request: IncomingMessage): { token: string | null; fromCookie: boolean } {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')
  if (match) return { token: match[1]!, fromCookie: false }
  const token = sessionTokenFromCookie(request.headers.cookie)
  return { token, fromCookie: token !== null }
}
