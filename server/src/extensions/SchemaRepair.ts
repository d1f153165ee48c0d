import type { Document, Extension, onChangePayload } from '@hocuspocus/server'
import type * as Y from 'yjs'
import { repairMissingFields } from '../conventions/repairMissingFields.js'
import { repairTableShapes } from '../conventions/repairTableShapes.js'
import type { Logger } from '../logger.js'

const REPAIR_ORIGIN = { source: 'local', context: 'SchemaRepair' }

interface Repair {
  what: string
  /** changes the document in one transaction with `origin`; returns how many nodes it added or removed */
  repair: (ydoc: Y.Doc, origin: unknown) => number
  /** crossing edits leave rows short of a cell; only a client outside the editor leaves out a field */
  level: 'info' | 'warn'
}

const REPAIRS: Repair[] = [
  { what: 'missing field(s)', repair: repairMissingFields, level: 'warn' },
  { what: 'indicator cell(s)', repair: repairTableShapes, level: 'info' },
]

/**
 * Shortly after a burst of updates, brings the document back to the schema's shape where
 * that only takes adding or removing empty nodes: missing fields of blocks and entries
 * (`repairMissingFields`), indicator rows to one cell per year of their table's period
 * (`repairTableShapes`). The server does it, once, so that clients never each add the
 * same node; its own changes carry REPAIR_ORIGIN and do not trigger it again.
 */
export class SchemaRepair implements Extension {
  extensionName = 'SchemaRepair'
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
    for (const { what, repair, level } of REPAIRS) {
      try {
        const changes = repair(document, REPAIR_ORIGIN)
        if (changes > 0) this.logger[level](`convention ${documentName}: repaired ${changes} ${what}`)
      } catch (error) {
        this.logger.error(`convention ${documentName}: repairing ${what} failed`, error)
      }
    }
  }
}
