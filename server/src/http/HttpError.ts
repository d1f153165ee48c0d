import type { SchemaIssue } from '@ctg/shared'

/** An error answered to the client as JSON `{ error: { code, message, issues?, …details } }`, never a stack trace. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: SchemaIssue[],
    /** seconds before trying again (429): sent as Retry-After and in the body */
    readonly retryAfter?: number,
    /** more fields of the error object (`convention_deleted`: who binned it, when) */
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
  }
}
