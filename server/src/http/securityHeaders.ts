import type { IncomingMessage } from 'node:http'

/**
 * The web client's Content-Security-Policy. Scripts, connections and everything else come
 * from this server only, so an injected `<script>` or a script from elsewhere does not run and
 * could not send anything away. `style-src` allows inline styles: React renders `style`
 * attributes (colours of people, widths of columns) and Tiptap injects its base stylesheet.
 * `data:` images are the favicon. No page may frame the client (clickjacking).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** True when the client reached us over https: directly, or through a proxy we trust that says so. */
export function isHttps(request: IncomingMessage, trustProxy: boolean): boolean {
  if ((request.socket as { encrypted?: boolean }).encrypted) return true
  if (!trustProxy) return false
  const forwarded = request.headers['x-forwarded-proto']
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim()
  return proto === 'https'
}

/** Headers of every response of the web client (HTML, scripts, styles, the service worker). */
export function webClientHeaders(request: IncomingMessage, trustProxy: boolean): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'Referrer-Policy': 'same-origin',
    'X-Content-Type-Options': 'nosniff',
    ...(isHttps(request, trustProxy) ? { 'Strict-Transport-Security': 'max-age=63072000' } : {}),
  }
}
