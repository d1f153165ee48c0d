import { editorSchema } from '@ctg/extensions'
import {
  createId,
  diffConventions,
  isFrozen,
  statusRank,
  summarizeChanges,
  writeEditorJson,
  writeMeta,
  yDocToEditorJson,
  readMeta,
  amendedNumbersOf,
  type AmendedNumbers,
  type Amends,
  type Convention,
  type ConventionStatus,
  type VersionKind,
  type Version,
} from '@ctg/shared'
import * as Y from 'yjs'
import type { LiveAccess } from '../access/LiveAccess.js'
import type { User } from '../auth/tokens.js'
import type { CommentService } from '../comments/CommentService.js'
import { Y_DOC_OPTIONS, type ConventionService } from '../conventions/ConventionService.js'
import { STORED_BY_WRITER } from '../hooks/Persistence.js'
import { HttpError } from '../http/HttpError.js'
import type { Logger } from '../logger.js'
import type { ConventionStore } from '../storage/ConventionStore.js'
import type { DocumentLog } from '../storage/DocumentLog.js'
import { canonicalHash } from './canonicalHash.js'
import { conventionFrozenError } from './conventionFrozenError.js'
import type { Lifecycle, NewVersion, VersionRow } from './VersionStore.js'
import { storedConvention } from './storedConvention.js'
import type { LiveDocuments } from '../live/LiveDocuments.js'
import type { LifecycleRows } from './lifecycleFields.js'

/** Changes made here are stored before the request is answered (Persistence leaves them out). */
const VERSIONS_CONTEXT = { source: 'versions', [STORED_BY_WRITER]: true }

interface RecordOptions {
  kind: VersionKind
  name?: string | null
  author: { id: string; name: string } | null
  /** the document's state to record (else read now) */
  state?: Uint8Array
  /** the lifecycle the version is recorded under (a status step records the new one) */
  lifecycle?: Lifecycle
}

export const versionJson = (row: VersionRow): Version => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  status: row.status,
  createdAt: row.createdAt,
  author: row.authorId ? { id: row.authorId, name: row.authorName ?? row.authorId } : null,
  sha256: row.sha256,
  summary: row.summary,
})

/**
 * Versions of conventions (immutable rows: the Yjs state to reopen, the export, its
 * RFC 8785 SHA-256), their status (draft → validated → adopted → signed, frozen from
 * adopted on, on every process), restores, signatures and avenants.
 */
export class VersionService {
  constructor(
    private readonly store: ConventionStore,
    private readonly conventions: ConventionService,
    private readonly documents: LiveDocuments,
    private readonly live: LiveAccess,
    private readonly comments: () => CommentService,
    private readonly log: DocumentLog,
    private readonly logger: Logger,
  ) {}

  /** What the export's lifecycle fields are made of (see `lifecycleFields`), under `lifecycle` (else the stored one). */
  async lifecycleRows(conventionId: string, lifecycle?: Lifecycle): Promise<LifecycleRows> {
    const current = lifecycle ?? (await this.store.versions.lifecycle(conventionId))
    const adoptedRow = current.adoptedVersionId
      ? await this.store.versions.read(conventionId, current.adoptedVersionId)
      : null
    const amended = current.amends
      ? await this.store.versions.read(current.amends.conventionId, current.amends.versionId)
      : null
    return {
      status: current.status,
      adopted: adoptedRow ? { versionId: adoptedRow.id, sha256: adoptedRow.sha256 } : null,
      amends: current.amends,
      amendedJson: amended?.json ?? null,
    }
  }

  /** An avenant's editor numbers as the text it amends; null for a convention that amends nothing. */
  async amendedNumbers(conventionId: string): Promise<{ amends: Amends; numbers: AmendedNumbers } | null> {
    const { amends } = await this.store.versions.lifecycle(conventionId)
    if (!amends) return null
    const amended = await this.store.versions.read(amends.conventionId, amends.versionId)
    return amended ? { amends, numbers: amendedNumbersOf(storedConvention(amended.json).content) } : null
  }

  list(conventionId: string): Promise<VersionRow[]> {
    return this.store.versions.list(conventionId)
  }

  async read(conventionId: string, versionId: string) {
    const row = await this.store.versions.read(conventionId, versionId)
    if (!row) throw new HttpError(404, 'not_found', 'no such version')
    return row
  }

  /** Builds a version of the document as it is (or as `state`), without storing it. */
  async build(conventionId: string, options: RecordOptions): Promise<NewVersion> {
    const lifecycle = options.lifecycle ?? (await this.store.versions.lifecycle(conventionId))
    // the state and the export of the same moment: from the given state, or from the document
    // itself (its state is encoded before the export reads it; no second copy is built)
    const captured = options.state
      ? await this.fromState(conventionId, options.state, lifecycle)
      : await this.conventions.withDocument(conventionId, async (doc) => ({
          state: Y.encodeStateAsUpdate(doc),
          exported: await this.conventions.exportDocument(conventionId, doc, lifecycle),
        }))
    if (!captured) throw new HttpError(404, 'not_found', 'no such convention')
    const { state, exported } = captured
    const { json, sha256 } = canonicalHash(exported)
    const latest = await this.store.versions.latest(conventionId)
    const previous = latest ? await this.store.versions.read(conventionId, latest.id) : null
    const before = previous ? storedConvention(previous.json) : null
    const summary = before ? summarizeChanges(diffConventions(before, exported), before, exported) : 'Première version'
    return {
      id: createId('v-'),
      conventionId,
      kind: options.kind,
      name: options.name ?? null,
      status: lifecycle.status,
      createdAt: new Date().toISOString(),
      authorId: options.author?.id ?? null,
      authorName: options.author?.name ?? null,
      sha256,
      summary,
      state,
      json,
    }
  }

  private async fromState(conventionId: string, state: Uint8Array, lifecycle: Lifecycle) {
    const doc = new Y.Doc(Y_DOC_OPTIONS)
    try {
      Y.applyUpdate(doc, state)
      return { state, exported: await this.conventions.exportDocument(conventionId, doc, lifecycle) }
    } finally {
      doc.destroy()
    }
  }

  async record(conventionId: string, options: RecordOptions): Promise<VersionRow> {
    const version = await this.build(conventionId, options)
    await this.store.versions.add(version)
    return version
  }

  /**
   * An automatic version, unless the export is the latest version's (nothing changed).
   * `withStored` (several processes): the state merged with what is stored, since an edit
   * acknowledged on another process may not have reached this one's copy yet, and the version
   * must hold it. One process has every edit in its copy and skips the load and merge (about
   * 30 ms of main thread for 80 fiches).
   */
  async recordAuto(
    conventionId: string,
    state: Uint8Array,
    author: { id: string; name: string } | null,
    { withStored = false } = {},
  ) {
    const stored = withStored ? await this.log.load(conventionId) : null
    if (stored) state = Y.mergeUpdates([stored, state])
    const version = await this.build(conventionId, { kind: 'auto', author, state })
    const latest = await this.store.versions.latest(conventionId)
    if (latest?.sha256 === version.sha256) return null
    await this.store.versions.add(version)
    return version
  }

  /** Moves the convention forward (steps may be skipped), recording a `status` version; freezes it from adopted on. */
  async setStatus(conventionId: string, status: ConventionStatus, user: User) {
    const current = await this.store.versions.lifecycle(conventionId)
    if (statusRank(status) <= statusRank(current.status)) {
      throw new HttpError(409, 'invalid_transition', `the convention is ${current.status}: it cannot become ${status}`)
    }
    // every process's connections stop writing before the adopted state is read, and that state
    // is read from storage once this process's appends are in: an edit acknowledged before the
    // step is in the adopted version, none can come after it
    let state: Uint8Array | undefined
    if (isFrozen(status) && !isFrozen(current.status)) {
      await this.live.frozen(conventionId, status)
      await this.log.drain()
      state = (await this.log.load(conventionId)) ?? undefined
    }
    const versionId = createId('v-')
    const next: Lifecycle = {
      ...current,
      status,
      adoptedVersionId: isFrozen(status) && !current.adoptedVersionId ? versionId : current.adoptedVersionId,
    }
    // the adopted version cannot name itself: its export says `adopted: null`
    const recordedUnder: Lifecycle = { ...next, adoptedVersionId: current.adoptedVersionId }
    const version = {
      ...(await this.build(conventionId, { kind: 'status', author: user, lifecycle: recordedUnder, state })),
      id: versionId,
    }
    if (!(await this.store.versions.transition(conventionId, current.status, next, version))) {
      throw new HttpError(409, 'invalid_transition', 'the status changed meanwhile: read it again')
    }
    // again once committed: a connection that joined between the two reads the old status
    if (isFrozen(status)) await this.live.frozen(conventionId, status)
    return version
  }

  async assertNotFrozen(conventionId: string) {
    const { status } = await this.store.versions.lifecycle(conventionId)
    if (isFrozen(status)) throw conventionFrozenError(status)
  }

  /**
   * Changes the live document on the server's behalf and stores the change before
   * answering (restore, signatures): a direct connection is not bound by read-only.
   */
  private async change(conventionId: string, edit: (doc: Y.Doc) => void): Promise<Y.Doc | null> {
    return this.documents.edit(conventionId, VERSIONS_CONTEXT, async (editor) => {
      const { updates } = await editor.transact(edit)
      for (const update of updates) await this.conventions.storeServerChange(conventionId, update)
      await this.comments().checkDetached(conventionId, editor.document)
      return editor.document
    })
  }

  /** The version's content becomes a new change on top of the history; a `restore` version records it. */
  async restore(conventionId: string, versionId: string, user: User) {
    await this.assertNotFrozen(conventionId)
    const row = await this.read(conventionId, versionId)
    const old = new Y.Doc(Y_DOC_OPTIONS)
    Y.applyUpdate(old, row.state)
    const content = yDocToEditorJson(old)
    const meta = readMeta(old)
    old.destroy()
    await this.change(conventionId, (doc) => {
      writeEditorJson(doc, editorSchema, content)
      writeMeta(doc, meta)
    })
    return this.record(conventionId, { kind: 'restore', author: user })
  }

  /** Records a signatory's deliberation or signature date; all signed moves an adopted convention to signed. */
  async setSignatory(
    conventionId: string,
    signatoryId: string,
    dates: { deliberationDate?: string | null; signatureDate?: string | null },
    user: User,
  ) {
    let found = false
    await this.change(conventionId, (doc) => {
      const signatory = findElement(doc.getXmlFragment('default'), 'signatory', signatoryId)
      if (!signatory) return
      found = true
      if (dates.deliberationDate !== undefined) signatory.setAttribute('mandateDate', dates.deliberationDate as string)
      if (dates.signatureDate !== undefined) {
        signatory.setAttribute('signatureDate', dates.signatureDate as string)
        signatory.setAttribute('signed', (dates.signatureDate !== null) as unknown as string)
      }
    })
    if (!found) throw new HttpError(404, 'not_found', 'no such signatory')
    const lifecycle = await this.store.versions.lifecycle(conventionId)
    const convention = await this.conventions.export(conventionId)
    const { signed, total } = countSignatures(convention!)
    if (lifecycle.status === 'adopted' && total > 0 && signed === total) {
      const version = await this.setStatus(conventionId, 'signed', user)
      return { signed, total, status: 'signed' as const, version }
    }
    const version = await this.record(conventionId, { kind: 'status', author: user, lifecycle })
    return { signed, total, status: lifecycle.status, version }
  }

  /** A new draft from the adopted (or signed) text, ids included, that amends it. */
  async startAvenant(conventionId: string, user: User): Promise<string> {
    const lifecycle = await this.store.versions.lifecycle(conventionId)
    if (!isFrozen(lifecycle.status)) throw new HttpError(409, 'not_adopted', 'the convention is not adopted yet')
    const latestStep = (await this.store.versions.list(conventionId)).find(
      (v) => v.kind === 'status' && isFrozen(v.status),
    )
    if (!latestStep) throw new HttpError(409, 'not_adopted', 'no adopted version')
    const row = await this.read(conventionId, latestStep.id)
    const source = storedConvention(row.json)
    const number = (await this.store.versions.avenantCount(conventionId)) + 1
    const avenant: Convention = {
      format: source.format,
      version: source.version,
      title: `Avenant n°${number} à ${source.title}`.slice(0, 300),
      period: source.period,
      parties: source.parties,
      territory: source.territory,
      content: source.content,
    }
    const id = await this.conventions.createFromConvention(avenant, user.id)
    await this.store.versions.createLifecycle(id, {
      status: 'draft',
      adoptedVersionId: null,
      amends: { conventionId, versionId: row.id, sha256: row.sha256 },
    })
    return id
  }
}

function findElement(parent: Y.XmlFragment | Y.XmlElement, nodeName: string, id: string): Y.XmlElement | null {
  for (const child of parent.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue
    if (child.nodeName === nodeName && child.getAttribute('id') === id) return child
    const inner = findElement(child, nodeName, id)
    if (inner) return inner
  }
  return null
}

/** "8 signatures sur 13": signatories who signed, among all signatory blocks. */
export function countSignatures(convention: Convention): { signed: number; total: number } {
  let signed = 0
  let total = 0
  for (const block of convention.content) {
    if (block.type !== 'signatoryBlock') continue
    for (const s of block.signatories) {
      total++
      if (s.signed) signed++
    }
  }
  return { signed, total }
}
