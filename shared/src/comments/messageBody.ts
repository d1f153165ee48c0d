import { z } from 'zod'

/** Longest message, in Unicode code points. */
export const MAX_MESSAGE_CODE_POINTS = 5000

/** Characters a plain-text message may not hold: controls other than tab and line breaks. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

/** A UTF-16 surrogate without its pair (not text; PostgreSQL refuses it). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Number of Unicode code points of a string (an emoji counts once). */
export function codePointLength(text: string): number {
  let length = 0
  for (const _ of text) length++
  return length
}

/**
 * A message: plain text with line breaks, 1 to 5,000 code points, kept exactly as typed
 * (not trimmed); not only spaces, no control characters but tab and line breaks.
 */
export const messageBodySchema = z
  .string()
  .refine((body) => codePointLength(body) >= 1, 'body must not be empty')
  .refine((body) => codePointLength(body) <= MAX_MESSAGE_CODE_POINTS, 'body must be at most 5000 characters')
  .refine((body) => body.length === 0 || body.trim().length > 0, 'body must not be only spaces')
  .refine((body) => !FORBIDDEN_CONTROLS.test(body), 'body must be plain text (no control characters)')
  .refine((body) => !LONE_SURROGATE.test(body), 'body must be valid Unicode')
