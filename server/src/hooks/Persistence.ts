import type {
  afterUnloadDocumentPayload,
  beforeSyncPayload,
  Extension,
  onChangePayload,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
} from '@hocuspocus/server'
import { readMeta, STORAGE_UNAVAILABLE_CLOSE } from '@ctg/shared'
import * as Y from 'yjs'
import type { Logger } from '../logger.js'
import type { ConnectionContext } from './Authentication.js'
import type { DocumentLog } from '../storage/DocumentLog.js'
import { YjsSocket } from '../yjsDoor/YjsSocket.js'
import { AcknowledgementGate } from './AcknowledgementGate.js'
import { UnstoredUpdates } from './UnstoredUpdates.js'
import type { CheckedUpdates } from './CheckedUpdates.js'
import { EMPTY_UPDATE_BYTES, writableUpdateOf } from './writableUpdateOf.js'
import { ownBytes } from '../workers/ownBytes.js'

/**
 * A key of a direct connection's context: the change is stored by the code that made it,
 * which waits for the commit before answering (CommentService's anchors).
 */
export const STORED_BY_WRITER = 'storedByWriter'

function storedByWriter(origin: unknown): boolean {
  const context = typeof origin === 'object' && origin !== null && 'context' in origin ? origin.context : undefined
  return typeof context === 'object' && context !== null && STORED_BY_WRITER in context
}

function originSource(origin: unknown): string | undefined {
  return typeof origin === 'object' && origin !== null && 'source' in origin ? String(origin.source) : undefined
}

/**
 * Loads documents from the store and makes every change durable:
 * - a client's update is appended to the log in `beforeSync`; Hocuspocus then applies and
 *   broadcasts it at once (others never wait for our disk), but the writer's acknowledgement
 *   is held until the commit (`AcknowledgementGate`): an acknowledged edit is on disk;
 * - changes made by the server itself (repairs, HTTP edits) are appended as they happen;
 * - Hocuspocus's debounced store hook only compacts the log into a snapshot.
 */
export class Persistence implements Extension {
  extensionName = 'Persistence'

  private readonly unstored: UnstoredUpdates

  constructor(
    private readonly log: DocumentLog,
    private readonly logger: Logger,
    private readonly checkedUpdates: CheckedUpdates,
    /** false: acknowledge without waiting for the commit (the benchmark's baseline, never for real use) */
    private readonly durableAck = true,
  ) {
    this.unstored = new UnstoredUpdates(log, logger)
    checkedUpdates.appendWith((documentName, update, userId) =>
      this.unstored.append(documentName, [{ update: ownBytes(update), userId }]),
    )
  }

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    const state = await this.log.load(documentName).catch((error: unknown) => {
      this.logger.error(`convention ${documentName}: cannot be loaded`, error)
      throw Object.assign(new Error(STORAGE_UNAVAILABLE_CLOSE.reason), STORAGE_UNAVAILABLE_CLOSE)
    })
    // a convention that exists always has a state; refusing here keeps an empty
    // document from ever standing in for a stored one
    if (!state) throw new Error(`no stored state for ${documentName}`)
    Y.applyUpdate(document, state)
    // names the server's own changes (repairs) in the stored document, to read a log against it
    this.logger.info(`convention ${documentName}: loaded; this copy's own changes are Yjs client ${document.clientID}`)
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.logger.info(`convention ${documentName}: unloaded`)
  }

  async beforeSync(sync: beforeSyncPayload): Promise<void> {
    const { connection, document, documentName } = sync
    // a read-only connection's update is refused by Hocuspocus: it must not reach the log either
    const payload = writableUpdateOf(sync)
    // updates kept through a storage outage go in before anything this connection is told is saved
    if (!payload && !this.unstored.has(documentName)) return
    // each stored change names who made it
    const userId = (connection.context as Partial<ConnectionContext>).user?.id ?? null
    // what the check saw the document integrate: a part still waiting for its dependencies is not stored
    // until they come (stored with the update that brings them); stored now, it would be in the file
    // although the document may drop it
    const update = payload && this.checkedUpdates.storable(payload)
    const stores = update && update.byteLength > EMPTY_UPDATE_BYTES
    const commit = this.unstored.append(documentName, stores ? [{ update: ownBytes(update), userId }] : [])
    this.checkedUpdates.storing(documentName, commit)
    if (!this.durableAck) {
      commit.catch(() => undefined)
      return
    }
    // a y-websocket client gets no acknowledgement: what the others received is its only sign
    // of storage, so its updates are stored before Hocuspocus applies and broadcasts them
    const acknowledged = !(connection.webSocket instanceof YjsSocket)
    if (acknowledged) AcknowledgementGate.of(connection).holdUntil(commit)
    const stored = commit.then(
      () => {
        // the role was lowered between this hook and Hocuspocus's handling: it was sent before,
        // and what is stored must be what everybody sees (a no-op when already applied)
        if (payload && connection.readOnly) Y.applyUpdate(document, payload, { source: 'connection', connection })
      },
      (error: unknown) => {
        this.logger.error(`convention ${documentName}: an update could not be stored`, error)
        // never acknowledged; the document holds it already, so it waits in `unstored` and goes
        // in before the next append (the reconnected provider's) or by itself once storage is back
        connection.webSocket.close(STORAGE_UNAVAILABLE_CLOSE.code, STORAGE_UNAVAILABLE_CLOSE.reason)
        throw Object.assign(new Error(STORAGE_UNAVAILABLE_CLOSE.reason), STORAGE_UNAVAILABLE_CLOSE)
      },
    )
    if (!acknowledged) return stored
    stored.catch(() => undefined)
  }

  async onChange({ transactionOrigin, update, documentName }: onChangePayload): Promise<void> {
    // clients' updates were logged before they were applied; another process logged those relayed by Redis
    const source = originSource(transactionOrigin)
    if (source === 'connection' || source === 'redis' || storedByWriter(transactionOrigin)) return
    const commit = this.unstored.append(documentName, [{ update, userId: null }])
    this.checkedUpdates.storing(documentName, commit)
    commit.catch((error: unknown) => {
      this.logger.error(`convention ${documentName}: a server-side change could not be stored`, error)
    })
  }

  async onStoreDocument({ document, documentName }: onStoreDocumentPayload): Promise<void> {
    await this.log.compact(documentName, readMeta(document))
  }

  async onDestroy(): Promise<void> {
    this.unstored.stop()
  }
}
