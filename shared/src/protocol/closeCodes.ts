/**
 * How the server ends a WebSocket: the application codes (4000–4999) with their short English
 * reasons, and the named closes a client reacts to. Both doors (`/collab`, `/yjs/…`) use them;
 * docs/api.md has the table. Hocuspocus itself uses 4205 (reset), 4401 (unauthorized),
 * 4403 (forbidden) and 4408 (timeout).
 */
export const CloseCode = {
  /** Hocuspocus's own "reset connection": the client reconnects (a socket attached to an unloaded document) */
  reset: 4205,
  /** a message or an update that cannot be decoded */
  malformed: 4400,
  /** the session was signed out or expired, or a plénière participant was excluded */
  signedOut: 4401,
  /** the person's role does not allow it, or their access was revoked */
  forbidden: 4403,
  /** the socket did not authenticate in time */
  authenticationTimeout: 4408,
  /** the convention was moved to the bin, or the plénière closed */
  gone: 4410,
  /** an update (or awareness message) over its size limit, or too costly to apply */
  tooLarge: 4413,
  /** an update the schema refuses */
  refused: 4422,
  /** a rate limit: messages, bytes, update processing time, failed authentications, sockets */
  tooMany: 4429,
  /** storage could not take an update: reconnect and send it again */
  storageUnavailable: 1011,
} as const

/* The closes a client tells apart by their code and reason. */
export const SIGNED_OUT_CLOSE = { code: CloseCode.signedOut, reason: 'signed out' } as const
export const SESSION_EXPIRED_CLOSE = { code: CloseCode.signedOut, reason: 'session expired' } as const
export const ACCESS_REVOKED_CLOSE = { code: CloseCode.forbidden, reason: 'access revoked' } as const
export const TOO_MANY_CONNECTIONS_CLOSE = { code: CloseCode.tooMany, reason: 'too many connections' } as const
/** also the `authenticationFailed` reason when the stored document cannot be read */
export const STORAGE_UNAVAILABLE_CLOSE = { code: CloseCode.storageUnavailable, reason: 'storage-unavailable' } as const
export const CONVENTION_DELETED_CLOSE = { code: CloseCode.gone, reason: 'convention deleted' } as const
export const PLENARY_CLOSED_CLOSE = { code: CloseCode.gone, reason: 'plenary closed' } as const
/**
 * The `authenticationFailed` reason for a page built with another editor schema than the
 * server's (`?schema=` of the socket, docs/api.md): it must be reloaded before it edits.
 */
export const CLIENT_OUTDATED_REFUSAL = { reason: 'client outdated' } as const
export const PARTICIPANT_EXCLUDED_CLOSE = { code: CloseCode.signedOut, reason: 'participant excluded' } as const

/** Codes after which reconnecting is pointless: signed out or excluded, access revoked, convention binned or plénière closed. */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.signedOut,
  CloseCode.forbidden,
  CloseCode.gone,
])
