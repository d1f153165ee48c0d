interface StoredCookie {
  value: string
  path: string
}

/**
 * Just enough of a browser for a sign-in over `fetch`: cookies per host name (ports share them,
 * as in browsers) and path, kept across calls; redirects are the caller's to follow.
 */
export class CookieJar {
  private readonly cookies = new Map<string, Map<string, StoredCookie>>()

  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url)
    const headers = new Headers(init.headers)
    const cookie = this.header(target)
    if (cookie) headers.set('Cookie', cookie)
    const response = await fetch(target, { ...init, headers, redirect: 'manual' })
    for (const line of response.headers.getSetCookie()) this.store(target, line)
    return response
  }

  /** the names of the cookies this host would be sent at `url` */
  names(url: string | URL): string[] {
    const target = new URL(url)
    return [...(this.cookies.get(target.hostname) ?? new Map<string, StoredCookie>()).entries()]
      .filter(([, c]) => target.pathname.startsWith(c.path))
      .map(([name]) => name)
  }

  /** the value of the cookie `name` this host would be sent at `url`, or null */
  value(url: string | URL, name: string): string | null {
    const target = new URL(url)
    const cookie = this.cookies.get(target.hostname)?.get(name)
    return cookie && target.pathname.startsWith(cookie.path) ? cookie.value : null
  }

  private header(target: URL): string {
    const host = this.cookies.get(target.hostname)
    if (!host) return ''
    return [...host.entries()]
      .filter(([, c]) => target.pathname.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ')
  }

  private store(target: URL, line: string) {
    const [pair = '', ...attributes] = line.split(';')
    const separator = pair.indexOf('=')
    const name = pair.slice(0, separator).trim()
    const value = pair.slice(separator + 1).trim()
    let path = '/'
    let expired = false
    for (const attribute of attributes) {
      const [key = '', raw = ''] = attribute.split('=')
      const k = key.trim().toLowerCase()
      if (k === 'path') path = raw.trim()
      if (k === 'max-age' && Number(raw) <= 0) expired = true
      if (k === 'expires' && Date.parse(raw) < Date.now()) expired = true
    }
    const host = this.cookies.get(target.hostname) ?? new Map<string, StoredCookie>()
    this.cookies.set(target.hostname, host)
    if (expired) host.delete(name)
    else host.set(name, { value, path })
  }
}
