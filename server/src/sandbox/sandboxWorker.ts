// Runs in a worker thread, loaded by Node itself (type stripping) or tsx: no relative imports.
import { parentPort, workerData } from 'node:worker_threads'
import * as Y from 'yjs'

/** What a document may hold; an update that puts anything else in it is refused. */
export interface SchemaRules {
  /** the editor schema's node and mark names */
  nodes: string[]
  marks: string[]
  /** the Y.Doc's root types (the editor fragment, the metadata map) */
  roots: string[]
  /** the metadata map, which holds a `title` (a string) and a `period` (two whole years) */
  metadata: string
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
/** The schema nests a few levels (doc > block > field > entry > field > text); nested lists add some. */
const MAX_DEPTH = 100

const isXmlList = (type: unknown) => type instanceof Y.XmlFragment // Y.XmlElement extends it
const holdsNode = (content: Y.Item['content']) =>
  content instanceof Y.ContentType && (content.type instanceof Y.XmlElement || content.type instanceof Y.XmlText)
const holdsText = (content: Y.Item['content']) =>
  content instanceof Y.ContentString || content instanceof Y.ContentFormat

function isYear(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value)
}

/** Why a metadata entry is refused, or null: the title is a string, the period two years. */
function metadataViolation(key: string | null, content: Y.Item['content']): string | null {
  const values = content instanceof Y.ContentAny ? content.arr : []
  const value = values.length === 1 ? (values[0] as Record<string, unknown> | string) : undefined
  if (key === 'title' && typeof value === 'string') return null
  if (key === 'period' && typeof value === 'object' && value && isYear(value.start) && isYear(value.end)) return null
  return `metadata "${key}" holding something else than expected`
}

function depthOf(type: Y.AbstractType<unknown>): number {
  let depth = 0
  for (let item = type._item; item && depth <= MAX_DEPTH; item = (item.parent as Y.AbstractType<unknown>)._item) depth++
  return depth
}

/**
 * The first thing `update`, once applied to `doc`, put there that the editor cannot
 * hold, or null. y-prosemirror deletes, on every client, an element it cannot build
 * (an unknown node) and a whole text it cannot read (an unknown mark, an embedded
 * value), and stops on anything but elements and texts in an element: so an update is
 * refused for an unknown node, mark or root type, for content of the wrong kind in
 * the editor's tree, for nesting deeper than MAX_DEPTH, and for metadata the
 * interface cannot show (a title that is no string).
 */
export function findSchemaViolation(update: Uint8Array, doc: Y.Doc, rules: SchemaRules): string | null {
  const nodes = new Set(rules.nodes)
  const marks = new Set(rules.marks)
  const roots = new Set(rules.roots)
  const metadata = doc.share.get(rules.metadata)
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item)) continue
    if (typeof struct.parent === 'string' && !roots.has(struct.parent)) return `unknown root type "${struct.parent}"`
    const item = Y.getItem(doc.store, struct.id)
    if (!(item instanceof Y.Item) || item.deleted) continue
    const { content, parent, parentSub } = item
    if (content instanceof Y.ContentType && content.type instanceof Y.XmlElement && !nodes.has(content.type.nodeName)) {
      return `unknown node type "${content.type.nodeName}"`
    }
    if (content instanceof Y.ContentFormat && !marks.has(HASHED_MARK.exec(content.key)?.[1] ?? content.key)) {
      return `unknown mark "${content.key}"`
    }
    if (parent === metadata) {
      const violation = metadataViolation(parentSub, content)
      if (violation) return violation
    }
    if (parentSub !== null) continue
    if (parent instanceof Y.XmlText && !holdsText(content)) return 'text holding something else than text'
    if (isXmlList(parent) && !holdsNode(content)) return 'element holding something else than nodes'
    if (holdsNode(content) && depthOf((content as Y.ContentType).type) > MAX_DEPTH) return 'nodes nested too deep'
  }
  return null
}

const replicas = new Map<string, Y.Doc>()

function run(job: SandboxJob, rules: SchemaRules): Omit<SandboxReply, 'id' | 'ms'> {
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
  Y.applyUpdate(doc, job.update)
  if (job.kind === 'sync') return {}
  const refused =
    doc.store.pendingStructs || doc.store.pendingDs
      ? 'update depends on changes the server does not have'
      : findSchemaViolation(job.update, doc, rules)
  if (!refused) return {}
  // the replica now holds what the document will not: start it again from the document
  replicas.delete(job.documentName)
  return { refused, dropped: true }
}

/** What UpdateSandbox starts the worker with. */
export interface SandboxWorkerData {
  sandboxRules: SchemaRules
}

// importing this module elsewhere (tests) must not answer on someone else's port
const started = workerData as Partial<SandboxWorkerData> | null
if (parentPort && started?.sandboxRules) {
  const port = parentPort
  const rules = started.sandboxRules
  port.on('message', (job: SandboxJob) => {
    const start = performance.now()
    let result: Omit<SandboxReply, 'id' | 'ms'>
    try {
      result = run(job, rules)
    } catch (error) {
      replicas.delete(job.documentName)
      result = { failed: error instanceof Error ? error.message : String(error), dropped: true }
    }
    port.postMessage({ id: job.id, ms: performance.now() - start, ...result } satisfies SandboxReply)
  })
}
