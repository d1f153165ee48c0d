const NBSP = '\u00a0'
const NARROW_NBSP = '\u202f'

/**
 * French typography for printed text: a non-breaking space before « : » (and a narrow one
 * before « ; ! ? »), inside « guillemets », and straight double quotes turned into
 * guillemets. Only where a space is already typed (or a quote pair), so URLs and times such
 * as 10:30 are left alone.
 */
export function frenchTypography(text: string): string {
  return text
    .replace(/"([^"\n]*)"/g, (_, inner: string) => `«${NBSP}${inner.trim()}${NBSP}»`)
    .replace(/[ \u00a0\u202f]+:/g, `${NBSP}:`)
    .replace(/[ \u00a0\u202f]+([;!?])/g, `${NARROW_NBSP}$1`)
    .replace(/«[ \u00a0\u202f]*/g, `«${NBSP}`)
    .replace(/[ \u00a0\u202f]*»/g, `${NBSP}»`)
}
