/** Where the server, which convention and whose token: from the page's query string. */
export interface Connection {
  /** the server's `/collab` WebSocket; by default this page's own origin, which Vite proxies to the server */
  collabUrl: string
  conventionId: string
  token: string
}

export function connectionFromQuery(location: Pick<Location, 'search' | 'host' | 'protocol'>): Connection | null {
  const query = new URLSearchParams(location.search)
  const conventionId = query.get('convention')
  const token = query.get('token')
  if (!conventionId || !token) return null
  const sameOrigin = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`
  return { collabUrl: query.get('server') ?? sameOrigin, conventionId, token }
}
