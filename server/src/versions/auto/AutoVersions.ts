import type {
  beforeSyncPayload,
  Connection,
  connectedPayload,
  Document,
  Extension,
  onChangePayload,
  onDisconnectPayload,
} from '@hocuspocus/server'
import * as Y from 'yjs'
import type { ConnectionContext } from '../../hooks/Authentication.js'
import { withTimeout } from '../../limits/withTimeout.js'
import type { Logger } from '../../logger.js'
import type { VersionService } from '../VersionService.js'
import type { AutoVersionPeers } from './AutoVersionPeers.js'

/** How long a new writer's first sync message waits for the peers to count it. */
const JOIN_WAIT_MS = 2_000

const connectionOf = (origin: unknown) =>
  typeof origin === 'object' &&
  origin !== null &&
  'source' in origin &&
  origin.source === 'connection' &&
  'connection' in origin
    ? (origin.connection as { context: Partial<ConnectionContext> })
    : undefined

/**
 * Records `auto` versions of what people type: at most one per `intervalMs` of changes
 * while they edit, and one as soon as the last connection with write access leaves, on
 * whichever process it was (the processes agree through `AutoVersionPeers`). Nothing is
 * recorded when nothing changed, nor when the export equals the latest version's.
 */
export class AutoVersions implements Extension {
  extensionName = 'AutoVersions'
  /** per document: the interval's timer, started by this process's first change since the last version */
  private readonly timers = new Map<string, NodeJS.Timeout>()
  /** per document: this process's connections with write access, each with its registration among the peers */
  private readonly writers = new Map<string, Map<string, Promise<void>>>()

  constructor(
    private readonly versions: () => VersionService,
    private readonly peers: AutoVersionPeers,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  /**
   * A connection counts as a writer from its first sync message: Hocuspocus handles its messages
   * before the `connected` hooks have all run (a slow one, such as the bin lookup, holds the rest),
   * and a writer that edits and is counted later lets another writer's leaving record a version
   * without it, under the wrong name (a stop's CI run did so).
   */
  async beforeSync({ connection, documentName }: beforeSyncPayload) {
    await this.joined(connection, documentName)
  }

  async connected({ connection, documentName }: connectedPayload) {
    await this.joined(connection, documentName)
  }

  /** Registers the connection as a writer once (a read-only one never); resolves once the peers know it. */
  private joined(connection: Connection, documentName: string): Promise<void> | undefined {
    if (connection.readOnly) return
    const { socketId } = connection
    const sockets = this.writers.get(documentName) ?? new Map<string, Promise<void>>()
    const registered = sockets.get(socketId)
    if (registered) return registered
    // a connection that already closed is not registered (it would stay a writer for ever)
    if (!connection.document.hasConnection(connection)) return
    // Redis unreachable: the sync goes on after JOIN_WAIT_MS, the writer uncounted where it did not arrive
    const joining = withTimeout(this.peers.writerJoined(documentName, socketId), JOIN_WAIT_MS).catch((error) =>
      this.failed(documentName, error),
    )
    sockets.set(socketId, joining)
    this.writers.set(documentName, sockets)
    return joining
  }

  async onChange({ documentName, document, transactionOrigin }: onChangePayload) {
    const connection = connectionOf(transactionOrigin)
    if (!connection) return
    const user = connection.context.user
    await this.peers
      .changedBy(documentName, user ? { id: user.id, name: user.name } : null)
      .catch((error) => this.failed(documentName, error))
    if (!this.timers.has(documentName)) this.arm(documentName, document, this.intervalMs)
  }

  async onDisconnect({ documentName, document, socketId }: onDisconnectPayload) {
    const sockets = this.writers.get(documentName)
    const joining = sockets?.get(socketId)
    if (!sockets || !joining) return
    sockets.delete(socketId)
    // the state now: the document may be unloaded right after its last connection
    const state = Y.encodeStateAsUpdate(document)
    if (sockets.size === 0) {
      // this process serves no writer of it any more: the document may be unloaded, and the
      // processes that still do, or the last writer's leaving, record what changed
      this.writers.delete(documentName)
      clearTimeout(this.timers.get(documentName))
      this.timers.delete(documentName)
    }
    try {
      await joining
      if (await this.peers.writerLeft(documentName, socketId)) await this.record(documentName, () => state)
    } catch (error) {
      this.failed(documentName, error)
    }
  }

  private arm(documentName: string, document: Document, delayMs: number) {
    const timer = setTimeout(() => void this.intervalEnded(documentName, document), delayMs)
    timer.unref()
    this.timers.set(documentName, timer)
  }

  private async intervalEnded(documentName: string, document: Document) {
    try {
      const wait = await this.peers.claimWindow(documentName, this.intervalMs)
      // another process records this window's version: this one's changes go in the next
      if (wait > 0 && this.writers.has(documentName)) return this.arm(documentName, document, wait)
      this.timers.delete(documentName)
      if (wait === 0) await this.record(documentName, () => Y.encodeStateAsUpdate(document))
    } catch (error) {
      this.timers.delete(documentName)
      this.failed(documentName, error)
    }
  }

  /** Records the state if the document changed since the last version (changes made after it mark it again). */
  private async record(documentName: string, state: () => Uint8Array) {
    const changes = await this.peers.takeChanges(documentName)
    if (changes) {
      const withStored = this.peers.acrossProcesses
      await this.versions().recordAuto(documentName, state(), changes.author, { withStored })
    }
  }

  private failed(documentName: string, error: unknown) {
    this.logger.error(`convention ${documentName}: automatic version not recorded`, error)
  }

  async onDestroy() {
    for (const timer of this.timers.values()) clearTimeout(timer)
    await this.peers.close()
  }
}
