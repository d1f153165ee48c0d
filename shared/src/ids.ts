import { randomBytes } from './randomBytes.js'

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz'

/**
 * A random id for blocks and entries. Uses getRandomValues, which browsers also
 * offer on plain-http pages (randomUUID needs a secure context).
 */
export function createId(prefix = ''): string {
  const bytes = randomBytes(12)
  let id = prefix
  for (const b of bytes) id += ALPHABET[b % 36]
  return id
}
