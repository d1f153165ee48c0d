/** Colours dark enough for white initials and distinct from each other (WCAG AA on white text). */
const PALETTE = [
  '#1d4ed8',
  '#b91c1c',
  '#047857',
  '#7e22ce',
  '#c2410c',
  '#0e7490',
  '#be185d',
  '#4d7c0f',
  '#4338ca',
  '#a16207',
  '#0f766e',
  '#9d174d',
]

/**
 * The same person gets the same colour on every screen (FNV-1a hash of the id); the server
 * stamps it on awareness states, so a client cannot pick someone else's.
 */
export function userColor(id: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return PALETTE[(hash >>> 0) % PALETTE.length]!
}
