const MAX_BYTES = 123

/**
 * `reason` cut to what a WebSocket close frame can carry (123 bytes of UTF-8, RFC 6455
 * 5.5.1), on a character boundary: reasons may quote what a client sent.
 */
export function closeReason(reason: string): string {
  const bytes = new Uint8Array(MAX_BYTES)
  const { written } = new TextEncoder().encodeInto(reason, bytes)
  return new TextDecoder().decode(bytes.subarray(0, written))
}
