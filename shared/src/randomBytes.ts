// Web Crypto is a global in browsers and in Node 22; typed here because `shared` loads
// neither the DOM nor the Node types (it must run in both).
declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T }

/** `length` random bytes from crypto.getRandomValues, which browsers also offer on plain-http pages. */
export function randomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length))
}
