import { HocuspocusProvider, WebSocketStatus } from '@hocuspocus/provider'
import { useEffect, useState } from 'react'
import * as Y from 'yjs'
import { readToken } from '../auth/token.js'
import { collabUrl } from './collabUrl.js'

export type ConnectionState = 'connecting' | 'connected' | 'disconnected'

export interface Collaboration {
  provider: HocuspocusProvider
  ydoc: Y.Doc
  connection: ConnectionState
  /** the first exchange with the server is done: the document holds the server's content */
  synced: boolean
  readOnly: boolean
  authFailed: string | null
}

/**
 * Opens the shared document of a convention over WebSocket. The client never
 * writes content before the first sync: the server creates every document.
 */
export function useCollaboration(conventionId: string): Collaboration | null {
  const [state, setState] = useState<Collaboration | null>(null)

  useEffect(() => {
    const ydoc = new Y.Doc()
    const provider = new HocuspocusProvider({
      url: collabUrl(),
      name: conventionId,
      document: ydoc,
      token: () => readToken() ?? '',
    })
    const initial: Collaboration = {
      provider,
      ydoc,
      connection: 'connecting',
      synced: false,
      readOnly: false,
      authFailed: null,
    }
    setState(initial)
    const patch = (change: Partial<Collaboration>) =>
      setState((current) => (current && current.provider === provider ? { ...current, ...change } : current))

    provider.on('status', ({ status }: { status: WebSocketStatus }) => {
      patch({
        connection:
          status === WebSocketStatus.Connected
            ? 'connected'
            : status === WebSocketStatus.Connecting
              ? 'connecting'
              : 'disconnected',
      })
    })
    // stays true once reached: a later reconnection resyncs in the background
    provider.on('synced', ({ state: synced }: { state: boolean }) => synced && patch({ synced: true }))
    // unsynced changes are not React state: they change on every keystroke (see SyncStatus)
    provider.on('authenticated', ({ scope }: { scope: string }) =>
      patch({ readOnly: scope === 'readonly', authFailed: null }),
    )
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => patch({ authFailed: reason || 'refusé' }))

    const goingOffline = () => patch({ connection: 'disconnected' })
    window.addEventListener('offline', goingOffline)

    return () => {
      window.removeEventListener('offline', goingOffline)
      provider.destroy()
      ydoc.destroy()
    }
  }, [conventionId])

  return state
}
