import type { IncomingMessage } from 'node:http'
import { PARTICIPANT_COOKIE } from '@ctg/shared'
import { readCookie, setCookie } from '../http/cookies.js'

/** `Set-Cookie` for a participant's token, living until the plénière ends. */
export function participantCookie(token: string, endsAt: string, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor((Date.parse(endsAt) - Date.now()) / 1000))
  return setCookie(PARTICIPANT_COOKIE, token, { path: '/', maxAge, secure })
}

export function participantTokenFromCookie(cookieHeader: string | null | undefined): string | null {
  return readCookie(cookieHeader ?? undefined, PARTICIPANT_COOKIE) || null
}

/** A participant request's token: its bearer token (API clients), else its cookie (the phone). */
export function participantRequestToken(request: IncomingMessage): { token: string | null; fromCookie: boolean } {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')
  if (match) return { token: match[1]!, fromCookie: false }
  const token = participantTokenFromCookie(request.headers.cookie)
  return { token, fromCookie: token !== null }
}
