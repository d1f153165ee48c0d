/**
 * Where to go after signing in: a path on this site (`/c/ID`), never another origin
 * (`//evil.example`, `/\evil.example`, `https://…`); anything else gives `/`.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/'
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(next)) return '/'
  const base = 'http://ctg.invalid'
  const url = new URL(next, base)
  if (url.origin !== base) return '/'
  // the token goes in the fragment: drop any fragment the path carried
  return url.pathname + url.search
}
