const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz'

/**
 * A random id for blocks and entries. Uses getRandomValues, which browsers also
 * offer on plain-http pages (randomUUID needs a secure context).
 */
export function createId(prefix = ''): string {
  const bytes = new Uint8Array(12)
  globalThis.crypto.getRandomValues(bytes)
  let id = prefix
  for (const b of bytes) id += ALPHABET[b % 36]
  return id
}
