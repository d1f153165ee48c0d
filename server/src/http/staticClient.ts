import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import sirv from 'sirv'

/**
 * Serves the built client; unknown paths get index.html so that /c/:id opens the editor.
 * Without `clientDir` (a host app that brings its own front end) every path outside /api is 404.
 */
export function staticClient(
  clientDir: string | undefined,
): (request: IncomingMessage, response: ServerResponse) => void {
  if (clientDir === undefined) return notFound
  if (!existsSync(join(clientDir, 'index.html'))) {
    return (_request, response) => {
      response.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' })
      response.end("L'interface n'est pas construite : lancez « npm run build » puis redémarrez le serveur.")
    }
  }
  const serve = sirv(clientDir, { single: true, etag: true, gzip: false })
  return (request, response) => serve(request, response, () => notFound(request, response))
}

function notFound(_request: IncomingMessage, response: ServerResponse) {
  response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
  response.end('Introuvable')
}
