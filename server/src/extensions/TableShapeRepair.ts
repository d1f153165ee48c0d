import type { Document, Extension, onChangePayload } from '@hocuspocus/server'
import { repairTableShapes } from '../conventions/repairTableShapes.js'
import type { Logger } from '../logger.js'

const REPAIR_ORIGIN = { source: 'local', context: 'TableShapeRepair' }

/**
 * After edits, brings indicator rows back to one cell per year of their table's
 * period (see `repairTableShapes`). The server does it, once, so that clients
 * never each add the same missing cell. Runs shortly after a burst of updates.
 */
export class TableShapeRepair implements Extension {
  extensionName = 'TableShapeRepair'
  private readonly timers = new Map<string, NodeJS.Timeout>()

  constructor(
    private readonly logger: Logger,
    private readonly delayMs = 50,
  ) {}

  async onChange({ document, documentName, transactionOrigin }: onChangePayload) {
    if (transactionOrigin === REPAIR_ORIGIN) return
    clearTimeout(this.timers.get(documentName))
    this.timers.set(
      documentName,
      setTimeout(() => this.repair(documentName, document), this.delayMs),
    )
  }

  async afterUnloadDocument({ documentName }: { documentName: string }) {
    clearTimeout(this.timers.get(documentName))
    this.timers.delete(documentName)
  }

  async onDestroy() {
    for (const timer of this.timers.values()) clearTimeout(timer)
  }

  private repair(documentName: string, document: Document) {
    this.timers.delete(documentName)
    if (document.isDestroyed) return
    const changes = repairTableShapes(document, REPAIR_ORIGIN)
    if (changes > 0) this.logger.info(`convention ${documentName}: repaired ${changes} indicator cell(s)`)
  }
}
