// Keeps the interface (index.html and its hashed assets) on this device, so that a page
// reloaded while the server is out of reach still opens and shows the local copies of
// the conventions (IndexedDB). The API and the WebSocket are never cached: the
// document's data is Yjs's business, not this worker's.
const CACHE = 'ctg-shell-v1'
const SHELL = '/'

const assetsOf = (html) => [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1])

/** Stores index.html with the assets it names, and forgets the assets of earlier builds. */
async function storeShell(response) {
  const cache = await caches.open(CACHE)
  const assets = assetsOf(await response.clone().text())
  const missing = []
  for (const asset of assets) if (!(await cache.match(asset))) missing.push(asset)
  await cache.addAll(missing)
  await cache.put(SHELL, response)
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname
    if (path.startsWith('/assets/') && !assets.includes(path)) await cache.delete(request)
  }
}

const isHtml = (response) => response.ok && (response.headers.get('Content-Type') ?? '').startsWith('text/html')

self.addEventListener('install', (event) => {
  event.waitUntil(
    fetch(SHELL)
      .then((response) => isHtml(response) && storeShell(response))
      .then(() => self.skipWaiting()),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  )
})

self.addEventListener('fetch', (event) => {
  const { request } = event
  const url = new URL(request.url)
  if (request.method !== 'GET' || url.origin !== self.location.origin) return
  if (request.mode === 'navigate') {
    // the network first, so a new build is picked up at once; the stored shell without network
    event.respondWith(
      fetch(request).then(
        (response) => {
          if (isHtml(response)) event.waitUntil(storeShell(response.clone()).catch(() => undefined))
          return response
        },
        async () => (await caches.match(SHELL)) ?? Response.error(),
      ),
    )
  } else if (url.pathname.startsWith('/assets/')) {
    // hashed names never change content
    event.respondWith(caches.match(request).then((cached) => cached ?? fetch(request)))
  }
})
