import { FINAL_CLOSE_CODES } from '@ctg/shared'
import { useEffect, useRef, useState } from 'react'
import * as Y from 'yjs'
import { collabUrl } from '../editor/collabUrl.js'
import { openCollabProvider } from '../sync/openCollabProvider.js'

export interface LiveDocument {
  ydoc: Y.Doc
  /** the server's content is in the document */
  synced: boolean
  connected: boolean
  /** the server refused the connection (reason), or closed it with a code of its own (4xxx) */
  refused: string | null
}

export interface LiveDocumentOptions {
  /** a participant's token when this page has it; else the upgrade request's cookie speaks */
  token?: string
  /** each stateless message the server sends on this document */
  onMessage?: (payload: string) => void
  /** the server refused or ended the connection */
  onRefused?: (reason: string) => void
}

/**
 * A read-only view of a convention's shared document, from the server only (no local
 * copy: a phone in a plénière, a facilitator's screen). It never changes the document
 * and publishes no presence: the writers see no caret and no entry for it.
 */
export function useLiveDocument(documentName: string | null, options: LiveDocumentOptions = {}): LiveDocument | null {
  const [state, setState] = useState<LiveDocument | null>(null)
  const handlers = useRef(options)
  handlers.current = options
  const token = options.token ?? ''

  useEffect(() => {
    if (!documentName) return
    const ydoc = new Y.Doc()
    const { socket, provider } = openCollabProvider({
      url: collabUrl(),
      name: documentName,
      document: ydoc,
      token,
      WebSocket: window.WebSocket,
      maxDelay: 5_000,
    })
    // no presence: a participant is not a writer (and the server drops it anyway)
    provider.awareness?.setLocalState(null)
    provider.attach()
    let current: LiveDocument = { ydoc, synced: false, connected: false, refused: null }
    const patch = (change: Partial<LiveDocument>) => {
      current = { ...current, ...change }
      setState(current)
    }
    setState(current)
    provider.on('authenticated', () => patch({ connected: true, refused: null }))
    provider.on('synced', ({ state: synced }: { state: boolean }) => synced && patch({ synced: true }))
    provider.on('status', ({ status }: { status: string }) => status === 'disconnected' && patch({ connected: false }))
    provider.on('stateless', ({ payload }: { payload: string }) => handlers.current.onMessage?.(payload))
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
      patch({ refused: reason || 'refused' })
      handlers.current.onRefused?.(reason || 'refused')
    })
    socket.on('close', ({ event }: { event?: { code?: number; reason?: string } }) => {
      if (!event?.code || event.code < 4000) return
      // an end, not an incident (plénière closed or participant excluded, convention binned,
      // session ended, access revoked): the server would refuse every new socket, so stop
      if (FINAL_CLOSE_CODES.has(event.code)) {
        socket.disconnect()
        patch({ connected: false, refused: event.reason || String(event.code) })
      }
      // the page asks the API what happened
      handlers.current.onRefused?.(event.reason || String(event.code))
    })
    return () => {
      provider.destroy()
      socket.destroy()
      ydoc.destroy()
    }
  }, [documentName, token])

  return state
}
