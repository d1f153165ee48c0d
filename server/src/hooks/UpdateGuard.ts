import { CloseCode } from '@ctg/shared'
import {
  OutgoingMessage,
  type afterHandleMessagePayload,
  type afterLoadDocumentPayload,
  type Connection,
  type afterUnloadDocumentPayload,
  type beforeSyncPayload,
  type Extension,
} from '@hocuspocus/server'
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync'
import type { Limits } from '../config.js'
import { KeyedTokenBuckets } from '../limits/KeyedTokenBuckets.js'
import { refuseConnection } from '../limits/refuseConnection.js'
import type { Logger } from '../logger.js'
import { UpdateSandbox } from '../sandbox/UpdateSandbox.js'
import type { ConnectionContext } from './Authentication.js'
import { writableUpdateOf } from './writableUpdateOf.js'

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
 */
export class UpdateGuard implements Extension {
  extensionName = 'UpdateGuard'
  private readonly budgets: KeyedTokenBuckets
  private readonly sandbox: UpdateSandbox
  /** connections sent the server's sync step 1 for an update left pending, until their sync step 2 */
  private readonly asked = new WeakSet<Connection>()
  /** the update of the message each connection is handling, once accepted */
  private readonly checked = new WeakMap<Connection, Uint8Array>()

  constructor(
    limits: Limits,
    private readonly logger: Logger,
  ) {
    this.sandbox = new UpdateSandbox({ timeoutMs: limits.updateTimeoutMs, logger })
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
    const refuse = (code: number, reason: string, detail = reason): never => {
      this.logger.warn(`convention ${documentName}: refused an update from ${user} (${code}): ${detail}`)
      return refuseConnection(connection, code, reason)
    }
    if (!this.budgets.has(user)) refuse(CloseCode.tooMany, 'update processing budget exceeded')
    const result = await this.sandbox.check(documentName, document, payload)
    // accepted, it is applied (or dropped, if storing it fails) once the message is handled
    if (result.verdict === 'accepted') this.checked.set(connection, payload)
    this.budgets.spend(user, result.ms)
    if (result.verdict === 'refused') refuse(CloseCode.refused, `update refused: ${result.reason}`)
    if (result.verdict === 'failed') refuse(CloseCode.malformed, 'malformed update', result.reason)
    if (result.verdict === 'timeout')
      refuse(CloseCode.tooLarge, 'update too costly', `over ${Math.round(result.ms)} ms`)
    // a sync answer that still lacks dependencies holds all the client has: asking again would loop
    if (
      result.verdict === 'accepted' &&
      result.pending &&
      sync.type === messageYjsUpdate &&
      !this.asked.has(connection)
    ) {
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

  async afterHandleMessage({ connection, documentName }: afterHandleMessagePayload) {
    const update = this.checked.get(connection)
    this.checked.delete(connection)
    if (update) this.sandbox.applied(documentName, update)
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload) {
    this.sandbox.forget(documentName)
  }

  async onDestroy() {
    await this.sandbox.destroy()
  }
}
