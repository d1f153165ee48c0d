import type { Document, Extension, onChangePayload, onDisconnectPayload } from '@hocuspocus/server'
import * as Y from 'yjs'
import type { ConnectionContext } from '../hooks/Authentication.js'
import type { Logger } from '../logger.js'
import type { VersionService } from './VersionService.js'

interface Pending {
  author: { id: string; name: string } | null
  timer?: NodeJS.Timeout
}

const connectionOf = (origin: unknown) =>
  typeof origin === 'object' &&
  origin !== null &&
  'source' in origin &&
  origin.source === 'connection' &&
  'connection' in origin
    ? (origin.connection as { context: Partial<ConnectionContext> })
    : undefined

/**
 * Records `auto` versions of what people typed on this process: at most one per
 * `intervalMs` of changes while they edit, and one as soon as the last connection with
 * write access leaves. Nothing is recorded when the export equals the latest version's.
 */
export class AutoVersions implements Extension {
  extensionName = 'AutoVersions'
  private readonly pending = new Map<string, Pending>()

  constructor(
    private readonly versions: () => VersionService,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  async onChange({ documentName, document, transactionOrigin }: onChangePayload) {
    const connection = connectionOf(transactionOrigin)
    if (!connection) return
    const user = connection.context.user
    const pending = this.pending.get(documentName) ?? { author: null }
    if (user) pending.author = { id: user.id, name: user.name }
    if (!pending.timer) {
      pending.timer = setTimeout(() => this.flush(documentName, document), this.intervalMs)
      pending.timer.unref()
    }
    this.pending.set(documentName, pending)
  }

  async onDisconnect({ documentName, document, socketId }: onDisconnectPayload) {
    if (!this.pending.has(documentName)) return
    const writers = [...document.getConnections()].filter((c) => !c.readOnly && c.socketId !== socketId)
    if (writers.length === 0) this.flush(documentName, document)
  }

  private flush(documentName: string, document: Document) {
    const pending = this.pending.get(documentName)
    if (!pending) return
    clearTimeout(pending.timer)
    this.pending.delete(documentName)
    // the state now: the document may be unloaded right after its last connection
    const state = Y.encodeStateAsUpdate(document)
    this.versions()
      .recordAuto(documentName, state, pending.author)
      .catch((error) => this.logger.error(`convention ${documentName}: automatic version not recorded`, error))
  }

  async onDestroy() {
    for (const pending of this.pending.values()) clearTimeout(pending.timer)
  }
}
