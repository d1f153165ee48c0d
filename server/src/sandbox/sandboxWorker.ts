// Runs in a worker thread, loaded by Node itself (type stripping) or tsx: no relative imports.
import { parentPort, workerData } from 'node:worker_threads'
import * as Y from 'yjs'

/** The names the editor schema knows; anything else in an update is refused. */
export interface SchemaNames {
  nodes: string[]
  marks: string[]
  /** the Y.Doc's root types (the editor fragment, the metadata map) */
  roots: string[]
}

export type SandboxJob =
  | { id: number; kind: 'load' | 'sync' | 'check'; documentName: string; update: Uint8Array }
  | { id: number; kind: 'forget'; documentName: string }

export interface SandboxReply {
  id: number
  /** time the job took in the worker, in milliseconds */
  ms: number
  /** why the update was refused (schema, missing dependencies) */
  refused?: string
  /** why the update could not be decoded or applied */
  failed?: string
  /** the worker dropped its replica of the document (it must be loaded again) */
  dropped?: boolean
}

// y-prosemirror stores a mark that may repeat as "name--" followed by 8 characters of hash
const HASHED_MARK = /^(.*)--[a-zA-Z0-9+/=]{8}$/

/**
 * The first thing in `update` the schema cannot hold: an element that is no node type,
 * a format that is no mark (y-prosemirror would delete the whole text it formats on
 * every client), or a root type other than the document's. Null when there is none.
 */
export function findSchemaViolation(update: Uint8Array, names: SchemaNames): string | null {
  const nodes = new Set(names.nodes)
  const marks = new Set(names.marks)
  const roots = new Set(names.roots)
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item)) continue
    if (typeof struct.parent === 'string' && !roots.has(struct.parent)) return `unknown root type "${struct.parent}"`
    const { content } = struct
    if (content instanceof Y.ContentType && content.type instanceof Y.XmlElement && !nodes.has(content.type.nodeName)) {
      return `unknown node type "${content.type.nodeName}"`
    }
    if (content instanceof Y.ContentFormat && !marks.has(HASHED_MARK.exec(content.key)?.[1] ?? content.key)) {
      return `unknown mark "${content.key}"`
    }
  }
  return null
}

const replicas = new Map<string, Y.Doc>()

function run(job: SandboxJob, names: SchemaNames): Omit<SandboxReply, 'id' | 'ms'> {
  if (job.kind === 'forget') {
    replicas.get(job.documentName)?.destroy()
    replicas.delete(job.documentName)
    return {}
  }
  if (job.kind === 'load') {
    const doc = new Y.Doc({ gc: false })
    replicas.set(job.documentName, doc)
    Y.applyUpdate(doc, job.update)
    return {}
  }
  const doc = replicas.get(job.documentName)
  if (!doc) return job.kind === 'check' ? { failed: 'no replica' } : {}
  if (job.kind === 'check') {
    const violation = findSchemaViolation(job.update, names)
    if (violation) return { refused: violation }
  }
  Y.applyUpdate(doc, job.update)
  if (job.kind === 'check' && (doc.store.pendingStructs || doc.store.pendingDs)) {
    // the replica now holds what it cannot integrate: start it again from the document
    replicas.delete(job.documentName)
    return { refused: 'update depends on changes the server does not have', dropped: true }
  }
  return {}
}

if (parentPort) {
  const port = parentPort
  const names = workerData as SchemaNames
  port.on('message', (job: SandboxJob) => {
    const start = performance.now()
    let result: Omit<SandboxReply, 'id' | 'ms'>
    try {
      result = run(job, names)
    } catch (error) {
      replicas.delete(job.documentName)
      result = { failed: error instanceof Error ? error.message : String(error), dropped: true }
    }
    port.postMessage({ id: job.id, ms: performance.now() - start, ...result } satisfies SandboxReply)
  })
}
