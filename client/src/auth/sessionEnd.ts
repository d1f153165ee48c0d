import { clearSessionMark, readSessionMark } from './sessionMark.js'

/**
 * Why the sign-in page shows: the server refused the session (`expired`), closed this
 * session's sockets because it was signed out elsewhere (`ended`), or the person
 * signed out here (`signedOut`).
 */
export type SessionEndReason = 'expired' | 'ended' | 'signedOut'

const events = new EventTarget()
let held = false

export function onSessionEnd(listener: (reason: SessionEndReason) => void): () => void {
  const handler = (event: Event) => listener((event as CustomEvent<SessionEndReason>).detail)
  events.addEventListener('end', handler)
  return () => events.removeEventListener('end', handler)
}

/** Forgets the session mark and sends the app to the sign-in page, once per session. */
export function endSession(reason: SessionEndReason): void {
  // during a sign-out the server's own 4401 and 401 are expected, not news
  if (!readSessionMark() || (held && reason !== 'signedOut')) return
  clearSessionMark()
  events.dispatchEvent(new CustomEvent('end', { detail: reason }))
}

/** While a sign-out is under way, other reasons to end the session are ignored. */
export function holdSessionEnds(hold: boolean): void {
  held = hold
}
