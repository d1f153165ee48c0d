import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider'
import { useEffect, useState } from 'react'
import * as Y from 'yjs'
import { canEdit, type Role } from '@ctg/shared'
import { parseAccessMessage } from '../access/accessMessage.js'
import { endSession } from '../auth/sessionEnd.js'
import { LocalCopy } from '../offline/LocalCopy.js'
import { localCopyName } from '../offline/localCopyName.js'
import { UnsentChanges } from '../offline/UnsentChanges.js'
import { collabUrl } from './collabUrl.js'

/** Persistence's refusal when the store is down (see server/src/extensions/Persistence.ts) */
const STORAGE_UNAVAILABLE = 'storage-unavailable'
const STORAGE_RETRY_DELAY = 5_000
/** the server closes every socket of a session signed out (elsewhere) with this code */
const SESSION_ENDED = 4401

export type ConnectionState = 'connecting' | 'connected' | 'disconnected'

export interface Collaboration {
  provider: HocuspocusProvider
  ydoc: Y.Doc
  connection: ConnectionState
  /** the first exchange with the server is done: the document holds the server's content */
  synced: boolean
  /** this device's copy is in the document: `empty` when there is none to show */
  localCopy: 'loading' | 'empty' | 'loaded'
  /** the document has content to show, from the server or from this device */
  ready: boolean
  /** changes of this device that the server has not acknowledged yet */
  unsent: UnsentChanges
  readOnly: boolean
  /** the role the server announced while the document is open (a change by an owner), if any */
  liveRole: Role | null
  /** the server withdrew this person's access while the document was open */
  revoked: boolean
  authFailed: string | null
  /** forgets this device's copy (the convention no longer exists) */
  clearLocalCopy(): Promise<void>
}

/**
 * Opens the shared document of a convention: this device's copy from IndexedDB and
 * the server's over WebSocket, at the same time; Yjs merges them whatever the order.
 * The client never writes content into an empty document (the server creates every
 * document and refuses unknown ones): the editor mounts only once the document has
 * content, from the server or from the local copy.
 */
export function useCollaboration(conventionId: string, userId: string): Collaboration | null {
  const [state, setState] = useState<Collaboration | null>(null)

  useEffect(() => {
    const ydoc = new Y.Doc()
    const localCopy = new LocalCopy(localCopyName(userId, conventionId), ydoc)
    const unsent = new UnsentChanges(ydoc, localCopy)
    const socket = new HocuspocusProviderWebsocket({
      url: collabUrl(),
      WebSocketPolyfill: unsent.WebSocket,
      // a LAN server that comes back is found within 10 s rather than 30
      maxDelay: 10_000,
    })
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: conventionId,
      document: ydoc,
      // no token: the upgrade request carries the session cookie, which the server reads then
      token: '',
    })
    unsent.ignoreOrigin(provider)
    provider.attach()

    const initial: Collaboration = {
      provider,
      ydoc,
      connection: 'connecting',
      synced: false,
      localCopy: 'loading',
      ready: false,
      unsent,
      readOnly: false,
      liveRole: null,
      revoked: false,
      authFailed: null,
      clearLocalCopy: () => localCopy.clear(),
    }
    setState(initial)
    const patch = (change: Partial<Collaboration>) =>
      setState((current) => {
        if (!current || current.provider !== provider) return current
        const next = { ...current, ...change }
        return { ...next, ready: next.synced || next.localCopy === 'loaded' }
      })

    // "Connecté" once the server has let us in to the document, not when a socket opens;
    // "Connexion…" only until the first outcome: retries while offline must not blink
    provider.on('status', ({ status }: { status: WebSocketStatus }) => {
      if (status === WebSocketStatus.Disconnected) patch({ connection: 'disconnected' })
    })
    socket.on('close', ({ event }: { event?: { code?: number; reason?: string } }) => {
      if (event?.code === SESSION_ENDED) endSession(event.reason === 'signed out' ? 'ended' : 'expired')
    })
    provider.on('authenticated', ({ scope }: { scope: string }) =>
      patch({ connection: 'connected', readOnly: scope === 'readonly', liveRole: null, authFailed: null }),
    )
    // an owner changed this person's role: the server applies it at once, the interface follows
    provider.on('stateless', ({ payload }: { payload: string }) => {
      const access = parseAccessMessage(payload)
      if (!access) return
      if (access.role === null) patch({ revoked: true, readOnly: true })
      else patch({ liveRole: access.role, readOnly: !canEdit(access.role) })
    })
    // stays true once reached: a later reconnection resyncs in the background
    provider.on('synced', ({ state: synced }: { state: boolean }) => synced && patch({ synced: true }))
    let retry: ReturnType<typeof setTimeout> | undefined
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
      if (reason !== STORAGE_UNAVAILABLE) return patch({ authFailed: reason || 'refusé' })
      // the server cannot read its storage for now: an outage, not a refusal. The provider
      // does not ask again by itself; a new socket does.
      patch({ connection: 'disconnected' })
      clearTimeout(retry)
      retry = setTimeout(() => socket.webSocket?.close(), STORAGE_RETRY_DELAY)
    })
    void localCopy.loaded.then(() => patch({ localCopy: localCopy.hasContent ? 'loaded' : 'empty' }))

    // without network the socket may stay open, silent, for a long time: close it now, and
    // retry at once when the network is back instead of waiting for the next attempt
    const goingOffline = () => {
      socket.webSocket?.close()
      patch({ connection: 'disconnected' })
    }
    const backOnline = () => void socket.connect()
    window.addEventListener('offline', goingOffline)
    window.addEventListener('online', backOnline)

    return () => {
      clearTimeout(retry)
      window.removeEventListener('offline', goingOffline)
      window.removeEventListener('online', backOnline)
      provider.destroy()
      socket.destroy()
      unsent.destroy()
      localCopy.destroy()
      ydoc.destroy()
    }
  }, [conventionId, userId])

  return state
}
