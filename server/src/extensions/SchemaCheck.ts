import type { afterLoadDocumentPayload, afterStoreDocumentPayload, Extension } from '@hocuspocus/server'
import type { SchemaIssue } from '@ctg/shared'
import { checkConvention } from '../conventions/checkConvention.js'
import type { ConventionStore } from '../storage/ConventionStore.js'
import type { Logger } from '../logger.js'

/**
 * Checks each document against the schema when it is loaded and after it is
 * stored, records the issues (shown by the API) and logs them. Nothing is dropped.
 */
export class SchemaCheck implements Extension {
  extensionName = 'SchemaCheck'
  private readonly lastReported = new Map<string, string>()

  constructor(
    private readonly store: ConventionStore,
    private readonly logger: Logger,
  ) {}

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload) {
    await this.check(documentName, checkConvention(document))
  }

  async afterStoreDocument({ document, documentName }: afterStoreDocumentPayload) {
    await this.check(documentName, checkConvention(document))
  }

  async afterUnloadDocument({ documentName }: { documentName: string }) {
    this.lastReported.delete(documentName)
  }

  private async check(documentName: string, issues: SchemaIssue[]) {
    const key = JSON.stringify(issues)
    if (this.lastReported.get(documentName) === key) return
    this.lastReported.set(documentName, key)
    await this.store.saveIssues(documentName, issues)
    if (issues.length > 0) {
      this.logger.warn(`convention ${documentName}: ${issues.length} schema issue(s)`, issues.slice(0, 10))
    }
  }
}
