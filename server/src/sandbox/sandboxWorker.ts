import { parentPort, workerData } from 'node:worker_threads'
import { Y_FRAGMENT_NAME, Y_META_NAME } from '@ctg/shared'
import * as Y from 'yjs'
import type { WorkerReply } from '../workers/WorkerClient.js'
import { snapshotBlockIds } from '../comments/snapshotBlockIds.js'
import { findSchemaViolation } from './findSchemaViolation.js'

export type SandboxJob =
  | { kind: 'load' | 'check'; documentName: string; update: Uint8Array }
  /** changes the document took that no check gave the replica, in order */
  | { kind: 'sync'; documentName: string; updates: Uint8Array[] }
  | { kind: 'forget'; documentName: string }

export interface SandboxReply extends WorkerReply {
  /** time the job took in the worker, in milliseconds */
  ms: number
  /**
   * CPU time the worker thread spent on it, in milliseconds: what a user's budget is charged.
   * On a loaded machine the wall time also counts the other processes' turns.
   */
  cpuMs?: number
  /** why the update was refused (schema, missing dependencies) */
  refused?: string
  /** why the update could not be decoded or applied */
  failed?: string
  /** the worker dropped its replica of the document (it must be loaded again) */
  dropped?: boolean
  /** the update was taken, but part of it waits for changes the server does not have yet */
  pending?: boolean
  /**
   * what the update made the replica integrate (its own structs and deletions that found their
   * dependencies, and those that were waiting for it): what the document will take, so what is stored
   */
  integrated?: Uint8Array
  /** changes that were waiting integrated with this refused update: they may be the refused part */
  pendingInvolved?: boolean
  /** the check found no replica (dropped after the check was sent): load it and check again */
  missing?: boolean
}

/** What UpdateSandbox starts the worker with. */
export const SANDBOX_WORKER_DATA = { role: 'update-sandbox' } as const

/**
 * What a document may hold waiting for its dependencies (Yjs's pending structs and
 * deletions): an honest client's offline edits are far smaller, and its sync answer brings
 * the dependencies at once; a client that sends more is refused.
 */
const MAX_PENDING_BYTES = 4 * 1024 * 1024

const replicas = new Map<string, Y.Doc>()

/** An update with no structs and no deletions (an applied update that integrated nothing emits no event). */
const EMPTY_UPDATE = new Uint8Array([0, 0])

function pendingBytesOf(doc: Y.Doc): number {
  return (doc.store.pendingStructs?.update.byteLength ?? 0) + (doc.store.pendingDs?.byteLength ?? 0)
}

function run(job: SandboxJob): Omit<SandboxReply, 'id' | 'ms'> {
  if (job.kind === 'forget') {
    replicas.get(job.documentName)?.destroy()
    replicas.delete(job.documentName)
    return {}
  }
  if (job.kind === 'load') {
    const doc = new Y.Doc({ gc: false })
    // typed before the state comes in: a root type an update creates first would be a bare AbstractType
    doc.getXmlFragment(Y_FRAGMENT_NAME)
    doc.getMap(Y_META_NAME)
    replicas.set(job.documentName, doc)
    Y.applyUpdate(doc, job.update)
    return {}
  }
  const doc = replicas.get(job.documentName)
  if (!doc) return job.kind === 'check' ? { missing: true } : {}
  if (job.kind === 'sync') {
    doc.transact(() => {
      for (const update of job.updates) Y.applyUpdate(doc, update)
    })
    return {}
  }
  // what was waiting for its dependencies integrates with this update: it is checked with it
  const waiting = doc.store.pendingStructs?.update
  const checked = waiting ? Y.mergeUpdates([job.update, Y.convertUpdateFormatV2ToV1(waiting)]) : job.update
  // the ids of the blocks and entries the update touches, as they were, to compare after
  const blockIds = snapshotBlockIds(checked, doc)
  let integrated: Uint8Array = EMPTY_UPDATE
  const take = (update: Uint8Array) => (integrated = update)
  doc.on('update', take)
  try {
    Y.applyUpdate(doc, job.update)
  } finally {
    doc.off('update', take)
  }
  const refused =
    pendingBytesOf(doc) > MAX_PENDING_BYTES
      ? 'too many changes waiting for changes the server does not have'
      : (findSchemaViolation(checked, doc) ?? blockIds.violation())
  if (!refused) return { integrated, ...(doc.store.pendingStructs || doc.store.pendingDs ? { pending: true } : {}) }
  // the replica now holds what the document will not: start it again from the document
  replicas.delete(job.documentName)
  return { refused, dropped: true, ...(waiting ? { pendingInvolved: true } : {}) }
}

// importing this module elsewhere must not answer on someone else's port
if (parentPort && (workerData as { role?: string } | null)?.role === SANDBOX_WORKER_DATA.role) {
  const port = parentPort
  port.on('message', (job: SandboxJob & { id: number }) => {
    const start = performance.now()
    const cpuStart = process.threadCpuUsage()
    let result: Omit<SandboxReply, 'id' | 'ms'>
    try {
      result = run(job)
    } catch (error) {
      replicas.delete(job.documentName)
      result = { failed: error instanceof Error ? error.message : String(error), dropped: true }
    }
    const cpu = process.threadCpuUsage(cpuStart)
    const cpuMs = (cpu.user + cpu.system) / 1000
    port.postMessage({ id: job.id, ms: performance.now() - start, cpuMs, ...result } satisfies SandboxReply)
  })
}
