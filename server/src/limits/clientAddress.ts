import type { IncomingMessage } from 'node:http'

/**
 * The address limits are counted against. Behind a reverse proxy every socket comes
 * from the proxy, so with `trustProxy` the last `X-Forwarded-For` entry (the one the
 * proxy appended; earlier ones are the client's to forge) is used instead.
 */
export function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = request.headers['x-forwarded-for']
    const last = (Array.isArray(header) ? header.join(',') : header)?.split(',').at(-1)?.trim()
    if (last) return last
  }
  return request.socket.remoteAddress ?? 'unknown'
}
