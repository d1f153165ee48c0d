import type { SchemaIssue } from '@ctg/shared'
import type { z } from 'zod'

/** zod issues as `{ path, message }`, the path in dotted form ("convention.content.3.title"). */
export function zodIssues(error: z.ZodError, prefix: (string | number)[] = []): SchemaIssue[] {
  return error.issues.slice(0, 50).map((issue) => ({
    path: [...prefix, ...issue.path].map(String).join('.') || '(body)',
    message: issue.message,
  }))
}
