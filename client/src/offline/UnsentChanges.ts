import type * as Y from 'yjs'
import { collabMessageKind } from './collabMessageKind.js'

/** What the tracker needs of this device's copy of the document (LocalCopy in the browser). */
export interface UnsentStore {
  /** the origin of the updates it loads into the document: they are not new changes */
  readonly origin: unknown
  /** kept across reloads: whether the copy holds changes the server has not acknowledged */
  holdsUnsent: boolean
  /** settles once the copy is in the document */
  readonly loaded: Promise<void>
}

/** What went over one WebSocket: the server acknowledges changes one by one, in order. */
interface Ledger {
  socket: WebSocket
  sent: number
  acknowledged: number
  /** the answer to the server's sync step 1 went out: it carries every change the server lacked */
  stepTwoSent: boolean
  refused: boolean
}

/**
 * Whether this device holds changes that the server has not acknowledged. The server
 * stores an update before it acknowledges it, so an acknowledgement means "saved".
 *
 * HocuspocusProvider's `unsyncedChanges` cannot say it on its own: it is reset to 1 on
 * every connection, updates typed offline are queued and their acknowledgements bring
 * it to 0 before the sync answer holding the rest is acknowledged, and content loaded
 * from IndexedDB after a reload is not counted at all. So this class watches the
 * WebSocket itself (given to the provider as its WebSocket class): on one socket, once
 * the sync answer went out and every change sent is acknowledged, the server holds
 * everything this document holds.
 */
export class UnsentChanges {
  /** for HocuspocusProviderWebsocket's `WebSocketPolyfill` */
  readonly WebSocket: typeof WebSocket
  /** when the server last acknowledged the changes of this device */
  confirmedAt: Date | null = null
  private value: boolean
  /** confirmations wait until the local copy is in the document: it may hold changes too */
  private localCopyLoaded = false
  private readonly replayed = new Set<unknown>()
  private readonly listeners = new Set<() => void>()
  private readonly refusalListeners = new Set<() => void>()
  private latest: Ledger | null = null
  /**
   * a change of this device has not gone out in a message yet: the provider gathers
   * changes for a moment (UPDATE_BATCH_MS) before it sends them, merged, in one update
   */
  private waiting = false

  /** Create it before the provider: its update listener must run before the provider sends. */
  constructor(
    private readonly ydoc: Y.Doc,
    private readonly localCopy: UnsentStore,
  ) {
    this.value = localCopy.holdsUnsent
    this.replayed.add(localCopy.origin)
    ydoc.on('update', this.onUpdate)
    void localCopy.loaded.then(() => {
      this.localCopyLoaded = true
      if (this.latest) this.check(this.latest)
    })

    // the socket class below needs this ledger's owner, and its own `this` is the socket
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const changes = this
    this.WebSocket = class TrackedWebSocket extends WebSocket {
      private readonly ledger: Ledger = { socket: this, sent: 0, acknowledged: 0, stepTwoSent: false, refused: false }

      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols)
        changes.latest = this.ledger
        this.addEventListener('message', (event: MessageEvent) => changes.onReceived(this.ledger, event.data))
      }

      override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
        // only what really goes out counts: the provider queues messages while the socket is not open
        if (this.readyState === WebSocket.OPEN) changes.onSent(this.ledger, data)
        super.send(data)
      }
    }
  }

  get unsent(): boolean {
    return this.value
  }

  /** Updates from these origins are not changes of this device (the server's, replays). */
  ignoreOrigin(origin: unknown): void {
    this.replayed.add(origin)
  }

  /** The server refused a change of this device (a read-only connection): it will never take it. */
  onRefused(listener: () => void): () => void {
    this.refusalListeners.add(listener)
    return () => this.refusalListeners.delete(listener)
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  destroy(): void {
    this.ydoc.off('update', this.onUpdate)
    this.listeners.clear()
    this.refusalListeners.clear()
  }

  private readonly onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (this.replayed.has(origin)) return
    this.waiting = true
    this.set(true)
  }

  private onSent(ledger: Ledger, data: unknown) {
    const kind = collabMessageKind(data)
    if (kind !== 'stepTwo' && kind !== 'update') return
    // the merged update (or the sync answer) carries every change made until now
    this.waiting = false
    ledger.sent += 1
    if (kind === 'stepTwo') ledger.stepTwoSent = true
  }

  private onReceived(ledger: Ledger, data: unknown) {
    const kind = collabMessageKind(data)
    if (kind !== 'applied' && kind !== 'refused') return
    ledger.acknowledged += 1
    // a read-only connection refuses changes: they are never "saved" (useCollaboration discards them)
    if (kind === 'refused') ledger.refused = true
    this.check(ledger)
    if (kind === 'refused') this.refusalListeners.forEach((listener) => listener())
  }

  private check(ledger: Ledger) {
    // changes made while a socket is not open never went over it: only an open socket vouches
    if (ledger.socket.readyState !== WebSocket.OPEN || !this.localCopyLoaded) return
    if (!ledger.stepTwoSent || ledger.refused || this.waiting || ledger.acknowledged < ledger.sent) return
    if (this.value) this.confirmedAt = new Date()
    this.set(false)
  }

  private set(unsent: boolean) {
    if (this.value === unsent) return
    this.value = unsent
    this.localCopy.holdsUnsent = unsent
    this.listeners.forEach((listener) => listener())
  }
}
