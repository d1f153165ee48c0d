import { createHash } from 'node:crypto'
import canonicalize from 'canonicalize'

/** The RFC 8785 (JSON Canonicalization Scheme) form of a JSON value and the SHA-256 of its UTF-8 bytes. */
export function canonicalHash(value: unknown): { json: string; sha256: string } {
  const json = canonicalize(value)
  if (json === undefined) throw new Error('the value has no JSON form')
  return { json, sha256: createHash('sha256').update(json, 'utf8').digest('hex') }
}
