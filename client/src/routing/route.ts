import { useSyncExternalStore } from 'react'

/** The two screens of the product, read from the path (the server serves index.html for both). */
export type Route = { name: 'list' } | { name: 'editor'; id: string } | { name: 'notFound' }

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'list' }
  const match = /^\/c\/([^/]+)\/?$/.exec(pathname)
  if (match) return { name: 'editor', id: decodeURIComponent(match[1]!) }
  return { name: 'notFound' }
}

export function conventionPath(id: string): string {
  return `/c/${encodeURIComponent(id)}`
}

const NAVIGATE = 'ctg:navigate'

export function navigate(path: string): void {
  if (path === location.pathname) return
  history.pushState(null, '', path)
  window.dispatchEvent(new Event(NAVIGATE))
  window.scrollTo(0, 0)
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange)
  window.addEventListener(NAVIGATE, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener(NAVIGATE, onChange)
  }
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => location.pathname)
}
