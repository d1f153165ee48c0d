/**
 * A copy of `bytes` in an ArrayBuffer of its own. `postMessage` clones the whole buffer behind
 * a view, and a client's update is a view into its socket's receive buffer: a Node Buffer,
 * whose `slice()` is a view too (it cost 150–360 µs per append to the log writer).
 */
export function ownBytes(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes)
}
