import { CloseCode } from '@ctg/shared'
import {
  OutgoingMessage,
  type afterHandleMessagePayload,
  type afterLoadDocumentPayload,
  type Connection,
  type afterUnloadDocumentPayload,
  type onDisconnectPayload,
  type beforeSyncPayload,
  type Extension,
} from '@hocuspocus/server'
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync'
import type { Limits } from '../config.js'
import { KeyedTokenBuckets } from '../limits/KeyedTokenBuckets.js'
import { refuseConnection } from '../limits/refuseConnection.js'
import type { Logger } from '../logger.js'
import { integrationOf } from '../sandbox/integrationOf.js'
import { UpdateSandbox } from '../sandbox/UpdateSandbox.js'
import { AcknowledgementGate } from './AcknowledgementGate.js'
import type { ConnectionContext } from './Authentication.js'
import type { CheckedUpdates } from './CheckedUpdates.js'
import { writableUpdateOf } from './writableUpdateOf.js'
import type * as Y from 'yjs'

/**
 * Lets a client's update reach the document only once a replica took it (see
 * `UpdateSandbox`): refused when the schema refuses it (4422, `findSchemaViolation`), when
 * it cannot be decoded (4400), when it took longer than `updateTimeoutMs` (4413), or when
 * its user has spent their processing budget (4429). Runs before Persistence, so a refused
 * update is never logged.
 *
 * An update that depends on changes the server does not have (sent before the client's
 * sync answer, or after the server lost what it had not stored) is not refused: like any
 * Yjs peer, the document keeps what cannot integrate yet as pending, and the client is sent
 * the server's state vector, so that its answer brings the missing changes. Refusing it
 * closed the socket, and the client sent the same dependent updates on the next one.
 * Only what integrates is stored (`CheckedUpdates`): the acknowledgement of an edit (an
 * update message) that waits is held until it integrates and is stored; if what waits is
 * dropped (`UpdateSandbox.dropPending`), the sockets whose edits waited are closed with
 * 4205 so that their providers sync again and hand them over.
 */
export class UpdateGuard implements Extension {
  extensionName = 'UpdateGuard'
  private readonly budgets: KeyedTokenBuckets
  private readonly sandbox: UpdateSandbox
  /** connections sent the server's sync step 1 for an update left pending, until their sync step 2 */
  private readonly asked = new WeakSet<Connection>()
  /** the update of the message each connection is handling, once accepted */
  private readonly checked = new WeakMap<Connection, Uint8Array>()
  /** per document, the connections whose acknowledgement waits for a part of their edit to integrate, with how to stop waiting */
  private readonly waiting = new Map<string, Map<Connection, Set<() => void>>>()

  constructor(
    limits: Limits,
    private readonly logger: Logger,
    private readonly checkedUpdates: CheckedUpdates,
  ) {
    this.sandbox = new UpdateSandbox({
      timeoutMs: limits.updateTimeoutMs,
      logger,
      onPendingDropped: (documentName) => this.pendingDropped(documentName),
    })
    // a burst of two maximal updates, then `updateCpuMsPerSecond` per user
    this.budgets = new KeyedTokenBuckets(2 * limits.updateTimeoutMs, limits.updateCpuMsPerSecond)
  }

  /** Whether an update is being checked in the worker right now. */
  get checking(): boolean {
    return this.sandbox.checking
  }

  async onListen() {
    // the worker takes half a second or more to load the schema: start it with the server,
    // so that the first edit after a (re)start is not acknowledged late
    this.sandbox.warmUp()
  }

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload) {
    this.sandbox.warmUp()
    document.on('update', (update: Uint8Array, origin: unknown) => {
      // a client's accepted update is in the replica already: applied by its check, or sent with the next one
      const connection = (origin as { connection?: Connection } | null)?.connection
      if (connection && this.checked.has(connection)) return
      this.sandbox.sync(documentName, update)
    })
  }

  async beforeSync(sync: beforeSyncPayload) {
    const { connection, document, documentName, context } = sync
    // the client's sync answer (even an empty one) holds all it had when it answered: one question at a time
    if (sync.type === messageYjsSyncStep2) this.asked.delete(connection)
    const payload = writableUpdateOf(sync)
    if (!payload) return
    const user = (context as Partial<ConnectionContext>).user?.id ?? connection.socketId
    // methods, not closures made per message: this hook runs on every keystroke
    if (!this.budgets.has(user)) this.refuse(sync, user, CloseCode.tooMany, 'update processing budget exceeded')
    // a copy that was unloaded (its sockets closed while this message waited) takes nothing: stored, the
    // update would be in the file and in no live document (the next copy may have been loaded before it
    // was stored). Its sender hands it over again when it reconnects to the live copy.
    if (document.isDestroyed) this.unloaded(sync, user)
    const result = await this.sandbox.check(documentName, document, payload)
    if (document.isDestroyed) {
      // the replica took it: it must not stand for the next copy
      if (result.verdict === 'accepted') this.sandbox.applied(documentName, payload)
      this.sandbox.reload(documentName)
      this.unloaded(sync, user)
    }
    // accepted, it is applied (or dropped, if storing it fails) once the message is handled
    if (result.verdict === 'accepted') {
      this.checked.set(connection, payload)
      // an update taken whole (typing accepted inline) is stored as it came: nothing to record
      if (result.integrated !== payload) this.checkedUpdates.checked(payload, result.integrated)
    }
    this.budgets.spend(user, result.ms)
    if (result.verdict === 'refused') this.refuse(sync, user, CloseCode.refused, `update refused: ${result.reason}`)
    if (result.verdict === 'failed') this.refuse(sync, user, CloseCode.malformed, 'malformed update', result.reason)
    if (result.verdict === 'timeout')
      this.refuse(sync, user, CloseCode.tooLarge, 'update too costly', `over ${Math.round(result.ms)} ms`)
    if (result.verdict !== 'accepted' || !result.pending || sync.type !== messageYjsUpdate) return
    // an edit: "saved" once all of it is in the document and stored (a sync answer's waiting part is
    // what the client holds waiting too, never its own edits)
    this.holdUntilIntegrated(
      connection,
      document,
      documentName,
      payload,
      (context as Partial<ConnectionContext>).user?.id ?? null,
    )
    // a sync answer that still lacks dependencies holds all the client has: asking again would loop
    if (!this.asked.has(connection)) {
      this.asked.add(connection)
      this.logger.info(`convention ${documentName}: an update from ${user} waits for changes it depends on`)
      connection.send(
        new OutgoingMessage(connection.messageAddress)
          .createSyncMessage()
          .writeFirstSyncStepFor(document)
          .toUint8Array(),
      )
    }
  }

  /** Closes the sender's socket with `code` and throws, so that Hocuspocus drops the message. */
  private refuse(
    { connection, documentName }: beforeSyncPayload,
    user: string,
    code: number,
    reason: string,
    detail = reason,
  ): never {
    this.logger.warn(`convention ${documentName}: refused an update from ${user} (${code}): ${detail}`)
    return refuseConnection(connection, code, reason)
  }

  private unloaded(sync: beforeSyncPayload, user: string): never {
    return this.refuse(sync, user, CloseCode.reset, 'reset connection', 'its document was unloaded meanwhile')
  }

  async afterHandleMessage({ connection, documentName }: afterHandleMessagePayload) {
    const update = this.checked.get(connection)
    this.checked.delete(connection)
    if (update) this.sandbox.applied(documentName, update)
  }

  async onDisconnect({ documentName, socketId }: onDisconnectPayload) {
    this.stopWaiting(documentName, (connection) => connection.socketId === socketId)
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload) {
    this.stopWaiting(documentName, () => true)
    this.checkedUpdates.forget(documentName)
    this.sandbox.forget(documentName)
  }

  /**
   * Holds the connection's acknowledgements until every change of `update` is in the document
   * (the update that brings its dependencies integrates it) and stored: with that update, and
   * again as it came once it integrated (`CheckedUpdates.integratedLater`).
   */
  private holdUntilIntegrated(
    connection: Connection,
    document: Y.Doc,
    documentName: string,
    update: Uint8Array,
    userId: string | null,
  ) {
    const integrated = integrationOf(update)
    const waits = this.waiting.get(documentName) ?? new Map<Connection, Set<() => void>>()
    this.waiting.set(documentName, waits)
    const stops = waits.get(connection) ?? new Set<() => void>()
    waits.set(connection, stops)
    const done = new Promise<void>((resolve) => {
      const check = () => {
        if (!integrated(document)) return
        stop()
        this.checkedUpdates.integratedLater(documentName, update, userId)
        resolve()
      }
      const stop = () => {
        document.off('afterTransaction', check)
        stops.delete(stop)
        if (stops.size === 0) waits.delete(connection)
        if (waits.size === 0 && this.waiting.get(documentName) === waits) this.waiting.delete(documentName)
      }
      stops.add(stop)
      document.on('afterTransaction', check)
    })
    AcknowledgementGate.of(connection).holdUntil(done.then(() => this.checkedUpdates.stored(documentName)))
  }

  /** Stops waiting for the connections of the document that `which` selects. */
  private stopWaiting(documentName: string, which: (connection: Connection) => boolean): Connection[] {
    const stopped: Connection[] = []
    for (const [connection, stops] of this.waiting.get(documentName) ?? []) {
      if (!which(connection)) continue
      for (const stop of [...stops]) stop()
      stopped.push(connection)
    }
    return stopped
  }

  /** What waited was dropped, so never stored: its senders must sync again (their acknowledgements stay held). */
  private pendingDropped(documentName: string) {
    for (const connection of this.stopWaiting(documentName, () => true)) {
      connection.webSocket.close(CloseCode.reset, 'changes waiting for their dependencies were dropped')
    }
  }

  async onDestroy() {
    await this.sandbox.destroy()
  }
}
