import { ConventionKit } from '@ctg/extensions'
import { describeBlockDeletions } from './blockDeletions.js'
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { Editor } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import * as prng from 'lib0/prng'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { Y_FRAGMENT_NAME } from '@ctg/shared'
import { waitFor } from '../helpers/connectClient.js'

/** The origin of updates carried across the simulated network link (never sent back). */
const LINK = Symbol('link')

/**
 * One person editing: a real Tiptap editor (headless, on a DOM implementation) bound by
 * `@tiptap/extension-collaboration` to its own Y.Doc, and a real HocuspocusProvider on
 * another Y.Doc, connected to the server. Between the two, a link that holds updates in
 * both directions until the fuzz delivers them: random network delays, with the order
 * of one connection kept. The provider can be disconnected and reconnected.
 */
export class EditorPeer {
  readonly editorDoc = new Y.Doc({ gc: false })
  readonly editor: Editor
  private readonly networkDoc = new Y.Doc({ gc: false })
  private readonly socket: HocuspocusProviderWebsocket
  private readonly provider: HocuspocusProvider
  /** editor → server, and server → editor, not yet delivered */
  private readonly up: Uint8Array[] = []
  private readonly down: Uint8Array[] = []
  online = true
  /** the close codes and reasons the server sent, in order (a refusal is 4422) */
  readonly closes: string[] = []
  /** the fuzz's local edit under way, to tell its deletions from the binding's own */
  action: string | null = null
  /** block and entry elements deleted in this editor's Y.Doc, and by what (a failure names them) */
  readonly blockDeletions: { blockId: string; what: string }[] = []

  private constructor(
    readonly name: string,
    wsUrl: string,
    documentName: string,
    token: string,
  ) {
    this.socket = new HocuspocusProviderWebsocket({ url: wsUrl, WebSocketPolyfill: WebSocket })
    this.provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name: documentName,
      document: this.networkDoc,
      token,
    })
    this.provider.attach()
    this.socket.on('close', ({ event }: { event: { code: number; reason: string } }) => {
      if (event.code >= 4000) this.closes.push(`${event.code} ${event.reason}`)
      // a reconnect asked for while the socket was still closing was ignored by the provider
      // (its status was still "connected"): ask again now that it is closed
      if (this.online && !this.socket.shouldConnect) void this.socket.connect()
    })
    this.networkDoc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== LINK) this.down.push(update)
    })
    this.editorDoc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== LINK) this.up.push(update)
    })
    // what came over the link was deleted elsewhere (and is recorded there)
    this.editorDoc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.origin === LINK) return
      const by = `${this.name}'s ${this.action ?? 'editor binding, outside a local edit'}`
      this.blockDeletions.push(...describeBlockDeletions(transaction, by))
    })
    const element = document.createElement('div')
    document.body.appendChild(element)
    this.editor = new Editor({
      element,
      extensions: [
        // as the client configures it (no trailing paragraph added by every editor)
        ConventionKit.configure({ starterKit: { trailingNode: false } }),
        Collaboration.configure({ document: this.editorDoc }),
      ],
    })
  }

  /** A peer whose editor starts from the server's document. */
  static async connect(name: string, wsUrl: string, documentName: string, token: string): Promise<EditorPeer> {
    const peer = new EditorPeer(name, wsUrl, documentName, token)
    await waitFor(() => peer.provider.isSynced, `${name} syncs`)
    peer.deliverAll()
    return peer
  }

  /** Delivers up to `count` held updates in each direction, oldest first. */
  deliver(gen: prng.PRNG, count = prng.int32(gen, 0, 3)): void {
    if (!this.online) return
    for (let i = 0; i < count && this.down.length > 0; i++) Y.applyUpdate(this.editorDoc, this.down.shift()!, LINK)
    for (let i = 0; i < count && this.up.length > 0; i++) Y.applyUpdate(this.networkDoc, this.up.shift()!, LINK)
  }

  deliverAll(): void {
    this.deliverDown()
    this.deliverUp()
  }

  /** Delivers what the server sent to the editor, and holds what the editor sent. */
  deliverDown(): void {
    while (this.down.length) Y.applyUpdate(this.editorDoc, this.down.shift()!, LINK)
  }

  deliverUp(): void {
    while (this.up.length) Y.applyUpdate(this.networkDoc, this.up.shift()!, LINK)
  }

  /**
   * The Yjs element of each top-level block, by block id: a move (or the undo of one)
   * writes the block as a new element, and what others add to the old one meanwhile is lost.
   */
  blockElements(): Map<string, string> {
    const elements = new Map<string, string>()
    for (const child of this.editorDoc.getXmlFragment(Y_FRAGMENT_NAME).toArray()) {
      const id = child instanceof Y.XmlElement ? child.getAttribute('id') : undefined
      const item = child._item
      if (typeof id === 'string' && item) elements.set(id, `${item.id.client}:${item.id.clock}`)
    }
    return elements
  }

  /** How many updates from the server wait for the editor. */
  get heldDown(): number {
    return this.down.length
  }

  disconnect(): void {
    this.online = false
    this.socket.disconnect()
  }

  reconnect(): void {
    this.online = true
    void this.socket.connect()
  }

  /** Online, synced, nothing held in the link and nothing unacknowledged. */
  get settled(): boolean {
    return (
      this.online &&
      this.provider.isSynced &&
      !this.provider.hasUnsyncedChanges &&
      this.up.length === 0 &&
      this.down.length === 0
    )
  }

  /** What the link and the provider hold, for a failure message. */
  describe(): string {
    const { pendingStructs, pendingDs } = this.networkDoc.store
    const pending = pendingStructs
      ? `missing ${[...pendingStructs.missing].map(([client, clock]) => `${client}:${clock}`).join(' ')}`
      : 'none'
    const vector = [...Y.decodeStateVector(Y.encodeStateVector(this.networkDoc))].map(([c, k]) => `${c}:${k}`)
    return `${this.name}: closes [${this.closes.slice(-3).join(', ')}], online ${this.online}, socket ${this.socket.status}, synced ${this.provider.isSynced}, unsynced ${this.provider.unsyncedChanges}, held ${this.up.length}↑ ${this.down.length}↓, network doc: state vector ${vector.join(' ')}, pending structs ${pending}, pending deletions ${pendingDs ? 'yes' : 'none'}`
  }

  destroy(): void {
    this.editor.destroy()
    this.provider.destroy()
    this.socket.destroy()
  }
}
