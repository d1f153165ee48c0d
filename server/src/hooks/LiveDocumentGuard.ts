import type { Connection, connectedPayload, Extension, Hocuspocus, onConfigurePayload } from '@hocuspocus/server'
import { CloseCode } from '@ctg/shared'
import { unloadOnlyTheLiveCopy } from '../live/unloadOnlyTheLiveCopy.js'
import type { Logger } from '../logger.js'

/** How often every connection is checked against the live copy of its document. */
const SWEEP_INTERVAL_MS = 2_000

/**
 * Closes a connection that is attached to a copy of its document other than the live one (the
 * copy Hocuspocus serves newcomers). A socket that opens while the last one of a convention
 * closes gets the document from `createDocument` before the unload deletes it, and can be
 * attached to it after: it would be synced with that copy, its edits stored and acknowledged,
 * while the updates of everybody else go to the document loaded next, and neither side would
 * ever see the other's (chaos seed 186 ended so: two clients and a third each synced, nothing
 * unsent, the file holding both sides' edits). Checked when the connection opens and again every
 * SWEEP_INTERVAL_MS, whatever the race that led there. Closed with Hocuspocus's reset code, the
 * provider reconnects at once, is attached to the live document and hands its changes over.
 * Unloading that stale copy must not remove the live one (`unloadOnlyTheLiveCopy`).
 */
export class LiveDocumentGuard implements Extension {
  extensionName = 'LiveDocumentGuard'
  private readonly connections = new Set<Connection>()
  private instance: Hocuspocus | undefined
  private sweeper: NodeJS.Timeout | undefined

  constructor(
    private readonly logger: Logger,
    private readonly sweepIntervalMs = SWEEP_INTERVAL_MS,
  ) {
    unloadOnlyTheLiveCopy()
  }

  async onConfigure({ instance }: onConfigurePayload) {
    this.instance = instance
    this.sweeper = setInterval(() => this.sweep(), this.sweepIntervalMs)
    this.sweeper.unref()
  }

  async connected({ connection }: connectedPayload) {
    this.connections.add(connection)
    connection.onClose(() => this.connections.delete(connection))
    this.closeIfNotLive(connection, 'was attached to')
  }

  private sweep() {
    for (const connection of this.connections) this.closeIfNotLive(connection, 'was found on')
  }

  private closeIfNotLive(connection: Connection, how: string) {
    const { document } = connection
    if (!document) return this.connections.delete(connection)
    const documentName = document.name
    if (!document.isDestroyed && this.instance?.documents.get(documentName) === document) return
    this.connections.delete(connection)
    const copy = document.isDestroyed ? 'an unloaded copy' : 'a copy that is not the live one'
    this.logger.warn(`convention ${documentName}: a connection ${how} ${copy}; closed to reconnect`)
    connection.webSocket.close(CloseCode.reset, 'reset connection')
  }

  async onDestroy() {
    clearInterval(this.sweeper)
  }
}
