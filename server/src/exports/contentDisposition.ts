/** The title as an ASCII file name: accents dropped, anything else a hyphen ("convention-territoriale-2026-2030"). */
export function asciiSlug(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[œŒ]/g, 'oe')
    .replace(/[æÆ]/g, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '')
  return slug || 'convention'
}

/** RFC 5987 encoding (`attr-char` only): encodeURIComponent leaves ' ( ) * ! unencoded. */
const rfc5987 = (text: string) =>
  encodeURIComponent(text).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

/** `attachment; filename="<slug>.<ext>"; filename*=UTF-8''<title>.<ext>` (RFC 6266). */
export function attachmentDisposition(title: string, extension: string): string {
  // control characters cannot stand in a header value
  // eslint-disable-next-line no-control-regex
  const name = title.replace(/[\u0000-\u001f\u007f/\\]+/g, ' ').trim() || 'convention'
  return `attachment; filename="${asciiSlug(title)}.${extension}"; filename*=UTF-8''${rfc5987(name)}.${extension}`
}
