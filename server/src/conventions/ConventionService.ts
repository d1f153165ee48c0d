import { editorSchema } from '@ctg/extensions'
import { createId, readMeta, writeConvention, type Convention, type Period } from '@ctg/shared'
import * as Y from 'yjs'
import type { PlenaryService } from '../plenary/PlenaryService.js'
import type { Lifecycle } from '../versions/VersionStore.js'
import type { VersionService } from '../versions/VersionService.js'
import { placeImportedComments } from '../comments/placeImportedComments.js'
import { assembleExport, readDocument, type ExportRecords } from '../exports/assembleExport.js'
import type { ConventionStore, ConventionSummary } from '../storage/ConventionStore.js'
import type { DocumentLog } from '../storage/DocumentLog.js'
import { blankTemplate } from '../templates/blankTemplate.js'
import { nationalTemplate } from '../templates/nationalTemplate.js'
import type { LiveDocuments } from '../live/LiveDocuments.js'

export type TemplateName = 'national' | 'blank'

/** GC stays off from a document's first day: restoring earlier versions needs the deleted items. */
export const Y_DOC_OPTIONS = { gc: false, gcFilter: () => false }

/**
 * Creates conventions on the server (from a template or an import) so that no
 * client ever seeds content, and reads them back for export.
 */
export class ConventionService {
  /** the plénières of the export, and of an import (set once the plénière service exists) */
  plenaries: Pick<PlenaryService, 'exportRows' | 'importPlenaries'> | undefined
  /** the export's status, adopted, amends and amendments (set once the version service exists) */
  versions: Pick<VersionService, 'lifecycleRows'> | undefined

  constructor(
    private readonly store: ConventionStore,
    private readonly log: DocumentLog,
    private readonly documents: LiveDocuments,
  ) {}

  async createFromTemplate(template: TemplateName, title: string, period: Period, userId: string): Promise<string> {
    const convention = template === 'national' ? nationalTemplate(title, period) : blankTemplate(title, period)
    return this.createFromConvention(convention, userId)
  }

  async createFromConvention(convention: Convention, userId: string): Promise<string> {
    const ydoc = new Y.Doc(Y_DOC_OPTIONS)
    writeConvention(ydoc, editorSchema, convention)
    const id = createId('c-')
    // imported threads get fresh ids, and their passages' marks go back on the same characters
    const threads = placeImportedComments(ydoc, id, convention.comments ?? [])
    const meta = readMeta(ydoc)
    await this.store.create({
      id,
      title: meta.title,
      period: meta.period,
      createdBy: userId,
      state: Y.encodeStateAsUpdate(ydoc),
    })
    ydoc.destroy()
    if (threads.length > 0) await this.store.comments.importThreads(threads)
    // a plénière's results come back as the closed record they are
    if (convention.plenaries?.length) await this.plenaries?.importPlenaries(id, convention.plenaries)
    return id
  }

  list(): Promise<ConventionSummary[]> {
    return this.store.list()
  }

  get(id: string): Promise<ConventionSummary | null> {
    return this.store.get(id)
  }

  /**
   * Stores a change the server made to a live document itself and must not answer before it
   * is durable (a comment's anchor); its transaction origin says so, and Persistence then
   * leaves it out (see STORED_BY_WRITER).
   */
  storeServerChange(id: string, update: Uint8Array): Promise<void> {
    return this.log.append(id, update, null)
  }

  /**
   * Reads the document: the live one when it is loaded (people are editing it), else a
   * copy loaded from storage. Null when the convention does not exist.
   */
  async withDocument<T>(id: string, read: (doc: Y.Doc) => T | Promise<T>): Promise<T | null> {
    const live = this.documents.loaded.get(id)
    if (live) return read(live)
    const state = await this.log.load(id)
    if (!state) return null
    const ydoc = new Y.Doc(Y_DOC_OPTIONS)
    try {
      Y.applyUpdate(ydoc, state)
      return await read(ydoc)
    } finally {
      ydoc.destroy()
    }
  }

  /**
   * The document's state as one update, without building a document when it is not loaded
   * (exports convert it in their worker). Null when the convention does not exist.
   */
  async state(id: string): Promise<Uint8Array | null> {
    const live = this.documents.loaded.get(id)
    return live ? Y.encodeStateAsUpdate(live) : this.log.load(id)
  }

  /**
   * The structured export, from the live document when people are editing it, else from
   * storage; with the comment threads, read from the same document.
   */
  async export(id: string): Promise<Convention | null> {
    return this.withDocument(id, (doc) => this.exportDocument(id, doc))
  }

  /**
   * The export of `doc` (the live document or a version's), under `lifecycle` (else the stored
   * one). The document is read first, at once: the export is of the same moment as a state
   * encoded just before.
   */
  async exportDocument(id: string, doc: Y.Doc, lifecycle?: Lifecycle): Promise<Convention> {
    const reading = readDocument(doc)
    return assembleExport(reading, await this.exportRecords(id, lifecycle))
  }

  /** What the export takes from the stores besides the document (the export worker is given it with the state). */
  async exportRecords(id: string, lifecycle?: Lifecycle): Promise<ExportRecords> {
    return {
      threads: await this.store.comments.threads(id),
      plenaries: this.plenaries ? await this.plenaries.exportRows(id) : { imported: [], own: [] },
      lifecycle: this.versions ? await this.versions.lifecycleRows(id, lifecycle) : null,
    }
  }
}
