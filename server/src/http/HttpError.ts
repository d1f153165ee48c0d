import type { SchemaIssue } from '@ctg/shared'

/** An error answered to the client as JSON `{ error: { code, message, issues? } }`, never a stack trace. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: SchemaIssue[],
  ) {
    super(message)
  }
}
