import { type HocuspocusProvider, WebSocketStatus } from '@hocuspocus/provider'
import { useEffect, useState } from 'react'
import * as Y from 'yjs'
import {
  canEdit,
  CONVENTION_DELETED_CLOSE,
  CLIENT_OUTDATED_REFUSAL,
  parseStatelessMessage,
  CloseCode,
  SIGNED_OUT_CLOSE,
  STORAGE_UNAVAILABLE_CLOSE,
  type ConventionDeletion,
  type ConventionStatus,
  type Role,
} from '@ctg/shared'
import { endSession } from '../auth/sessionEnd.js'
import { LocalCopy } from '../offline/LocalCopy.js'
import { localCopyName } from '../offline/localCopyName.js'
import { UnsentChanges } from '../offline/UnsentChanges.js'
import { openCollabProvider } from '../sync/openCollabProvider.js'
import { keepRefusedContent } from '../versions/unsentText.js'
import { collabUrl } from './collabUrl.js'

const STORAGE_RETRY_DELAY = 5_000

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
  /**
   * a change the server refuses (made while read-only) was undone: the document was
   * opened again from the server, without this device's copy
   */
  rolledBack: boolean
  /** the role the server announced while the document is open (a change by an owner), if any */
  liveRole: Role | null
  /** the convention was adopted (or signed): nobody edits it any more, the server says so on every connection */
  frozen: ConventionStatus | null
  /** the server withdrew this person's access while the document was open */
  revoked: boolean
  /** the convention was moved to the bin: the socket is closed for good, the copy kept but not shown */
  deleted: ConventionDeletion | null
  /** the server runs a newer editor schema: the page must be reloaded before it edits */
  outdated: boolean
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
  // a new document, from the server only, after a refused change was discarded (of this copy)
  const [generation, setGeneration] = useState({ copy: '', count: 0 })
  const reopen = (copy: string) => setGeneration((last) => ({ copy, count: last.count + 1 }))

  useEffect(() => {
    const name = localCopyName(userId, conventionId)
    if (LocalCopy.mustDiscard(name)) {
      // the page was closed while a refused change was being discarded: finish before loading the copy
      let cancelled = false
      void LocalCopy.discardByName(name).then(() => !cancelled && reopen(name))
      return () => {
        cancelled = true
      }
    }
    const ydoc = new Y.Doc()
    const localCopy = new LocalCopy(name, ydoc)
    const unsent = new UnsentChanges(ydoc, localCopy)
    const { socket, provider } = openCollabProvider({
      url: collabUrl(),
      name: conventionId,
      document: ydoc,
      // no token: the upgrade request carries the session cookie, which the server reads then
      token: '',
      WebSocket: unsent.WebSocket,
      // a LAN server that comes back is found within 10 s rather than 30
      maxDelay: 10_000,
    })
    unsent.ignoreOrigin(provider)
    provider.attach()
    // known before the server answers: the editor opens read-only offline when it was last time
    let readOnly = localCopy.readOnly
    let frozenStatus: ConventionStatus | null = null
    const frozenNow = () => frozenStatus !== null
    const setReadOnly = (value: boolean) => {
      readOnly = value
      localCopy.readOnly = value
    }

    const initial: Collaboration = {
      provider,
      ydoc,
      connection: 'connecting',
      synced: false,
      localCopy: 'loading',
      ready: false,
      unsent,
      readOnly,
      rolledBack: generation.copy === name,
      liveRole: null,
      frozen: null,
      revoked: false,
      deleted: null,
      outdated: false,
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
    // in the bin: stop here, and never reconnect (the server would refuse); the local copy
    // stays in IndexedDB for a restore, and the editor is not shown
    let inBin = false
    const binned = (deletion: ConventionDeletion | null) => {
      inBin = true
      socket.disconnect()
      setState((current) => {
        if (!current || current.provider !== provider) return current
        return {
          ...current,
          connection: 'disconnected',
          deleted: current.deleted ?? deletion ?? { deletedAt: '', deletedBy: null },
        }
      })
    }
    socket.on('close', ({ event }: { event?: { code?: number; reason?: string } }) => {
      // a session signed out (elsewhere) or expired closes every socket of it
      if (event?.code === CloseCode.signedOut)
        endSession(event.reason === SIGNED_OUT_CLOSE.reason ? 'ended' : 'expired')
      if (event?.code === CONVENTION_DELETED_CLOSE.code) binned(null)
    })
    provider.on('authenticated', ({ scope }: { scope: string }) => {
      setReadOnly(scope === 'readonly')
      patch({ connection: 'connected', readOnly, liveRole: null, authFailed: null })
    })
    // an owner changed this person's role: the server applies it at once, the interface follows
    provider.on('stateless', ({ payload }: { payload: string }) => {
      // the server says who binned it just before it closes the socket
      const message = parseStatelessMessage(payload)
      if (message?.type === 'deleted') return binned({ deletedAt: message.deletedAt, deletedBy: message.deletedBy })
      if (message?.type === 'frozen') {
        frozenStatus = message.status
        setReadOnly(true)
        return patch({ frozen: message.status, readOnly })
      }
      if (message?.type !== 'access') return
      setReadOnly(message.role === null || !canEdit(message.role) || frozenNow())
      if (message.role === null) patch({ revoked: true, readOnly })
      else patch({ liveRole: message.role, readOnly })
    })

    // A change the server refuses stays in this Y.Doc and in IndexedDB, and the next
    // sync (after a promotion, say) would send it again: discard both and open the
    // document again from the server, with a new Y.Doc. The editor makes no change
    // while read-only (ReadOnlyGuard, node views); this catches one made anyway.
    let discarding = false
    const discard = () => {
      if (discarding || !mayDiscard(name)) return
      discarding = true
      // what was typed and refused is offered for copy once the document is open again
      keepRefusedContent(conventionId, ydoc)
      void localCopy.discard().then(() => reopen(name))
    }
    unsent.onRefused(discard)
    const onLocalChange = (_update: Uint8Array, origin: unknown) => {
      if (readOnly && origin !== provider && origin !== localCopy.origin) discard()
    }
    ydoc.on('update', onLocalChange)
    // stays true once reached: a later reconnection resyncs in the background
    provider.on('synced', ({ state: synced }: { state: boolean }) => synced && patch({ synced: true }))
    let retry: ReturnType<typeof setTimeout> | undefined
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
      if (reason === CONVENTION_DELETED_CLOSE.reason) return binned(null)
      // a newer server: this page's editor must not touch the document until it is reloaded
      if (reason === CLIENT_OUTDATED_REFUSAL.reason) return patch({ outdated: true, connection: 'disconnected' })
      if (reason !== STORAGE_UNAVAILABLE_CLOSE.reason) return patch({ authFailed: reason || 'refusé' })
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
    const backOnline = () => {
      if (!inBin) void socket.connect()
    }
    window.addEventListener('offline', goingOffline)
    window.addEventListener('online', backOnline)

    return () => {
      clearTimeout(retry)
      window.removeEventListener('offline', goingOffline)
      window.removeEventListener('online', backOnline)
      ydoc.off('update', onLocalChange)
      provider.destroy()
      socket.destroy()
      unsent.destroy()
      localCopy.destroy()
      ydoc.destroy()
    }
  }, [conventionId, userId, generation])

  return state
}

/** When each copy was last discarded: a change made again at once must not reopen the document in a loop. */
const lastDiscards = new Map<string, number>()
const DISCARD_INTERVAL = 10_000

function mayDiscard(name: string): boolean {
  const last = lastDiscards.get(name)
  if (last !== undefined && Date.now() - last < DISCARD_INTERVAL) return false
  lastDiscards.set(name, Date.now())
  return true
}
