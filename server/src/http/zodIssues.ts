import type { SchemaIssue } from '@ctg/shared'
import type { z } from 'zod'
import { HttpError } from './HttpError.js'

/** zod issues as `{ path, message }`, the path in dotted form ("convention.content.3.title"). */
export function zodIssues(error: z.ZodError, prefix: (string | number)[] = []): SchemaIssue[] {
  return error.issues.slice(0, 50).map((issue) => ({
    path: [...prefix, ...issue.path].map(String).join('.') || '(body)',
    message: issue.message,
  }))
}

/** A 400 whose message names the first wrong field and whose `issues` list them all. */
export function invalidInput(code: string, error: z.ZodError, prefix: (string | number)[] = [], lead = ''): HttpError {
  const issues = zodIssues(error, prefix)
  return new HttpError(400, code, `${lead}${issues[0]!.path}: ${issues[0]!.message}`, issues)
}
