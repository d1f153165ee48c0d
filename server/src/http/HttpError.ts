import type { SchemaIssue } from '@ctg/shared'

/** An error answered to the client as JSON `{ error: { code, message, issues? } }`, never a stack trace. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: SchemaIssue[],
    /** seconds before trying again (429): sent as Retry-After and in the body */
    readonly retryAfter?: number,
  ) {
    super(message)
  }
}
