import type {
  afterLoadDocumentPayload,
  afterStoreDocumentPayload,
  beforeUnloadDocumentPayload,
  Document,
  Extension,
} from '@hocuspocus/server'
import { checkConvention } from '../conventions/checkConvention.js'
import type { ConventionStore } from '../storage/ConventionStore.js'
import type { Logger } from '../logger.js'

/**
 * Checks each document against the schema and the structured model, records the
 * issues (shown by the API) and logs them. Nothing is dropped: what the editor schema
 * refuses never gets in (UpdateGuard, SchemaRepair); what is left here are rules of
 * the structured model, and values stored before the update guard checked the rules
 * (a deadline outside 1990–2100, say; see `@ctg/shared` rules/).
 *
 * A check of a large convention costs tens of milliseconds on the event loop, so it
 * runs when a document is loaded (without delaying the first sync), at most every
 * `minIntervalMs` while people edit, and when the document is unloaded.
 */
export class SchemaCheck implements Extension {
  extensionName = 'SchemaCheck'
  private readonly lastReported = new Map<string, string>()
  private readonly lastChecked = new Map<string, number>()
  private readonly timers = new Map<string, NodeJS.Timeout>()

  constructor(
    private readonly store: ConventionStore,
    private readonly logger: Logger,
    private readonly minIntervalMs = 30_000,
  ) {}

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload) {
    void this.check(documentName, document)
  }

  async afterStoreDocument({ document, documentName }: afterStoreDocumentPayload) {
    if (this.timers.has(documentName)) return
    const wait = Math.max(0, (this.lastChecked.get(documentName) ?? 0) + this.minIntervalMs - Date.now())
    this.timers.set(
      documentName,
      setTimeout(() => {
        this.timers.delete(documentName)
        if (!document.isDestroyed) void this.check(documentName, document)
      }, wait),
    )
  }

  async beforeUnloadDocument({ document, documentName }: beforeUnloadDocumentPayload) {
    clearTimeout(this.timers.get(documentName))
    this.timers.delete(documentName)
    await this.check(documentName, document)
  }

  async afterUnloadDocument({ documentName }: { documentName: string }) {
    this.lastReported.delete(documentName)
    this.lastChecked.delete(documentName)
  }

  async onDestroy() {
    for (const timer of this.timers.values()) clearTimeout(timer)
  }

  private async check(documentName: string, document: Document) {
    try {
      this.lastChecked.set(documentName, Date.now())
      const issues = checkConvention(document)
      const key = JSON.stringify(issues)
      if (this.lastReported.get(documentName) === key) return
      this.lastReported.set(documentName, key)
      await this.store.saveIssues(documentName, issues)
      if (issues.length > 0) {
        this.logger.warn(`convention ${documentName}: ${issues.length} schema issue(s)`, issues.slice(0, 10))
      }
    } catch (error) {
      // a failed check must neither stop the unload nor reach the client
      this.logger.error(`convention ${documentName}: the schema check failed`, error)
    }
  }
}
