import { CONVENTION_DELETED_CLOSE } from '@ctg/shared'

/**
 * The application close codes (4000–4999) the server ends a WebSocket with, each
 * with a short English reason. Documented in docs/api.md; Hocuspocus itself uses
 * 4205 (reset), 4401 (unauthorized), 4403 (forbidden) and 4408 (timeout).
 */
export const CloseCode = {
  /** Hocuspocus's own "reset connection": the client reconnects (a socket attached to an unloaded document) */
  reset: 4205,
  /** a message or an update that cannot be decoded */
  malformed: 4400,
  /** the session was signed out (Hocuspocus's `Unauthorized`) */
  signedOut: 4401,
  /** the socket did not authenticate in time */
  authenticationTimeout: 4408,
  /** the person's role does not allow it, or their access was revoked */
  forbidden: 4403,
  /** the convention was moved to the bin (`CONVENTION_DELETED_CLOSE` in @ctg/shared) */
  deleted: CONVENTION_DELETED_CLOSE.code,
  /** an update (or awareness message) over its size limit, or too costly to apply */
  tooLarge: 4413,
  /** an update the schema refuses: unknown node, mark or root type, missing dependencies */
  refused: 4422,
  /** a rate limit: messages, bytes, update processing time, failed authentications */
  tooMany: 4429,
} as const

/** Thrown from a hook: Hocuspocus closes the document connection with this code and reason. */
export class ConnectionRefusal extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(reason)
  }
}
