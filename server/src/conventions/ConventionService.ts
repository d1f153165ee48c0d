import { conventionSchema } from '@ctg/extensions'
import { createId, readMeta, writeConvention, yDocToConvention, type Convention, type Period } from '@ctg/shared'
import type { Hocuspocus } from '@hocuspocus/server'
import * as Y from 'yjs'
import type { ConventionStore, ConventionSummary } from '../storage/ConventionStore.js'
import type { DocumentLog } from '../storage/DocumentLog.js'
import { blankTemplate } from '../templates/blankTemplate.js'
import { nationalTemplate } from '../templates/nationalTemplate.js'

export type TemplateName = 'national' | 'blank'

/** GC stays off from a document's first day: restoring earlier versions needs the deleted items. */
export const Y_DOC_OPTIONS = { gc: false, gcFilter: () => false }

/**
 * Creates conventions on the server (from a template or an import) so that no
 * client ever seeds content, and reads them back for export.
 */
export class ConventionService {
  constructor(
    private readonly store: ConventionStore,
    private readonly log: DocumentLog,
    private readonly hocuspocus: () => Hocuspocus,
  ) {}

  async createFromTemplate(template: TemplateName, title: string, period: Period, userId: string): Promise<string> {
    const convention = template === 'national' ? nationalTemplate(title, period) : blankTemplate(title, period)
    return this.createFromConvention(convention, userId)
  }

  async createFromConvention(convention: Convention, userId: string): Promise<string> {
    const ydoc = new Y.Doc(Y_DOC_OPTIONS)
    writeConvention(ydoc, conventionSchema, convention)
    const id = createId('c-')
    const meta = readMeta(ydoc)
    await this.store.create({
      id,
      title: meta.title,
      period: meta.period,
      createdBy: userId,
      state: Y.encodeStateAsUpdate(ydoc),
    })
    ydoc.destroy()
    return id
  }

  list(): Promise<ConventionSummary[]> {
    return this.store.list()
  }

  get(id: string): Promise<ConventionSummary | null> {
    return this.store.get(id)
  }

  /** The structured export, from the live document when people are editing it, else from storage. */
  async export(id: string): Promise<Convention | null> {
    const live = this.hocuspocus().documents.get(id)
    if (live) return yDocToConvention(live)
    const state = await this.log.load(id)
    if (!state) return null
    const ydoc = new Y.Doc(Y_DOC_OPTIONS)
    Y.applyUpdate(ydoc, state)
    const convention = yDocToConvention(ydoc)
    ydoc.destroy()
    return convention
  }
}
