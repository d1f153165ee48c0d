import type { afterLoadDocumentPayload, Document, Extension } from '@hocuspocus/server'
import type * as Y from 'yjs'
import { changesOnlyText } from '../conventions/changesOnlyText.js'
import { repairBlockIds } from '../conventions/repairBlockIds.js'
import { repairMissingFields } from '../conventions/repairMissingFields.js'
import { repairTableShapes } from '../conventions/repairTableShapes.js'
import type { Logger } from '../logger.js'

const REPAIR_ORIGIN = { source: 'local', context: 'SchemaRepair' }

interface Repair {
  what: string
  /** changes the document in one transaction with `origin`; returns how many nodes it added, removed or changed */
  repair: (ydoc: Y.Doc, origin: unknown) => number
  /** crossing edits leave rows short of a cell; only a client outside the editor leaves out a field or an id */
  level: 'info' | 'warn'
}

const MISSING_FIELDS = 'missing field(s)'

/** Repairs that can wait for a burst of edits to end. */
const DEBOUNCED: Repair[] = [
  { what: 'missing or duplicate id(s)', repair: repairBlockIds, level: 'warn' },
  { what: 'indicator cell(s)', repair: repairTableShapes, level: 'info' },
]

/**
 * Brings the document back to the schema's shape where that takes no one's text:
 * - missing fields of blocks and entries (`repairMissingFields`) at once, in the event
 *   loop turn of the change: y-prosemirror in every editor deletes an element whose
 *   content is invalid as soon as it receives it, so the repair must go out with it;
 * - missing or duplicate ids (`repairBlockIds`) and indicator rows short of a year
 *   (`repairTableShapes`) shortly after a burst of updates, once crossing edits settled;
 *   typing alone (`changesOnlyText`) changes neither and does not start them.
 * The server does it, once, so that clients never each add the same node; its own
 * changes carry REPAIR_ORIGIN and do not trigger it again. A loaded document is
 * repaired too (stored before these repairs, or by an older server).
 */
export class SchemaRepair implements Extension {
  extensionName = 'SchemaRepair'
  private readonly timers = new Map<string, NodeJS.Timeout>()
  /** when each document last changed (not by a repair) */
  private readonly lastChange = new Map<string, number>()

  constructor(
    private readonly logger: Logger,
    private readonly delayMs = 50,
  ) {}

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload) {
    this.run(documentName, MISSING_FIELDS, 'warn', () => repairMissingFields(document, REPAIR_ORIGIN))
    this.runDebounced(documentName, document)
    document.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.origin === REPAIR_ORIGIN) return
      this.run(documentName, MISSING_FIELDS, 'warn', () => repairMissingFields(document, REPAIR_ORIGIN, transaction))
      // typing changes no id and no table's shape: those repairs (which read the whole document) wait for a change that may
      if (changesOnlyText(transaction)) return
      // one timer per burst rather than one per update: it waits again while changes keep coming
      this.lastChange.set(documentName, performance.now())
      if (!this.timers.has(documentName)) this.arm(documentName, document, this.delayMs)
    })
  }

  private arm(documentName: string, document: Document, delayMs: number) {
    const timer = setTimeout(() => {
      const quietMs = performance.now() - (this.lastChange.get(documentName) ?? 0)
      if (quietMs < this.delayMs) return this.arm(documentName, document, this.delayMs - quietMs)
      this.timers.delete(documentName)
      if (!document.isDestroyed) this.runDebounced(documentName, document)
    }, delayMs)
    this.timers.set(documentName, timer)
  }

  async afterUnloadDocument({ documentName }: { documentName: string }) {
    clearTimeout(this.timers.get(documentName))
    this.timers.delete(documentName)
    this.lastChange.delete(documentName)
  }

  async onDestroy() {
    for (const timer of this.timers.values()) clearTimeout(timer)
  }

  private runDebounced(documentName: string, document: Document) {
    for (const { what, repair, level } of DEBOUNCED)
      this.run(documentName, what, level, () => repair(document, REPAIR_ORIGIN))
  }

  private run(documentName: string, what: string, level: Repair['level'], repair: () => number) {
    try {
      const changes = repair()
      if (changes > 0) this.logger[level](`convention ${documentName}: repaired ${changes} ${what}`)
    } catch (error) {
      this.logger.error(`convention ${documentName}: repairing ${what} failed`, error)
    }
  }
}
