/** The Hocuspocus endpoint on the same host as the page (proxied by Vite in development). */
export function collabUrl(): string {
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${protocol}//${location.host}/collab`
}
