import { Y_FRAGMENT_NAME, yDocToConvention, type ActivityBlock } from '@ctg/shared'
import type { afterLoadDocumentPayload, connectedPayload, Document, Extension } from '@hocuspocus/server'
import * as Y from 'yjs'
import { describeBlock } from '../conventions/describeBlock.js'
import type { Logger } from '../logger.js'
import type { ActivityStore, NewActivity } from '../storage/ActivityStore.js'
import type { ConnectionContext } from './Authentication.js'

/** One `opened` entry per person and convention in this window, however often they reconnect. */
const OPENED_WINDOW_MS = 10 * 60_000
/** Typing in one block is one `changed` entry per person in this window. */
const CHANGED_WINDOW_MS = 5 * 60_000

/** The top-level block (child of the fragment) that holds a changed Yjs type, or null for the fragment itself. */
function topLevelOf(type: Y.AbstractType<any>, fragment: Y.XmlFragment): Y.AbstractType<any> | null {
  let current = type
  while (current._item && current._item.parent !== fragment) current = current._item.parent as Y.AbstractType<any>
  return current._item ? current : null
}

/**
 * Writes who opened and who changed what into the activity log. Each change a connection
 * applies is attributed to its user and to the blocks it touched (a fiche, a table, the
 * signatories, free text), coalesced per user and block.
 */
export class ActivityRecorder implements Extension {
  extensionName = 'ActivityRecorder'
  /** `${convention}\0${user}` → when their last `opened` was recorded */
  private readonly recent = new Map<string, number>()
  /** per top-level block, per user, when their last `changed` was recorded */
  private readonly changedAt = new WeakMap<Y.AbstractType<any>, Map<string, number>>()

  constructor(
    private readonly activity: ActivityStore,
    private readonly logger: Logger,
  ) {}

  async connected({ documentName, context }: connectedPayload) {
    const user = (context as Partial<ConnectionContext>).user
    if (!user || !this.due(`${documentName}\0${user.id}`, OPENED_WINDOW_MS)) return
    this.record({ conventionId: documentName, userId: user.id, userName: user.name, action: 'opened' })
  }

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload) {
    document.on('afterTransaction', (transaction: Y.Transaction) => this.changed(document, documentName, transaction))
  }

  private changed(document: Document, documentName: string, transaction: Y.Transaction) {
    const origin = transaction.origin as { source?: string; connection?: { context: unknown } } | null
    if (origin?.source !== 'connection' || !origin.connection) return
    const user = (origin.connection.context as Partial<ConnectionContext>).user
    if (!user) return
    const fragment = document.getXmlFragment(Y_FRAGMENT_NAME)
    const blocks = new Set<Y.AbstractType<any>>()
    for (const type of transaction.changed.keys()) {
      const block = topLevelOf(type, fragment)
      if (block) blocks.add(block)
    }
    // blocks created in this transaction are not in `changed`, only their parent, the fragment
    if (transaction.changed.has(fragment as Y.AbstractType<any>)) {
      for (const child of fragment.toArray()) {
        const item = child._item!
        if (item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0)) blocks.add(child)
      }
    }
    const now = Date.now()
    const due: Y.AbstractType<any>[] = []
    for (const block of blocks) if (this.changeDue(block, user.id, now)) due.push(block)
    if (due.length === 0) return
    let describe: (block: Y.AbstractType<any>) => ActivityBlock
    try {
      const convention = yDocToConvention(document)
      const children = fragment.toArray()
      describe = (block) => describeBlock(convention, children.indexOf(block as Y.XmlElement))
    } catch {
      // a document the model cannot read yet (mid-repair): the block is named by nothing more
      describe = () => ({ type: 'block' })
    }
    for (const block of due) {
      this.record({
        conventionId: documentName,
        userId: user.id,
        userName: user.name,
        action: 'changed',
        detail: { block: describe(block) },
      })
    }
  }

  /**
   * Whether a change of `block` by the user starts a new entry. Keyed by the block's Yjs type
   * (a keystroke's path: no string built, and forgotten with the document's copy).
   */
  private changeDue(block: Y.AbstractType<any>, userId: string, now: number): boolean {
    let byUser = this.changedAt.get(block)
    if (!byUser) {
      byUser = new Map()
      this.changedAt.set(block, byUser)
    }
    const last = byUser.get(userId)
    if (last !== undefined && now - last < CHANGED_WINDOW_MS) return false
    byUser.set(userId, now)
    return true
  }

  private due(key: string, windowMs: number): boolean {
    const now = Date.now()
    const last = this.recent.get(key)
    if (last !== undefined && now - last < windowMs) return false
    this.recent.set(key, now)
    // keep the map from growing with every key ever seen
    if (this.recent.size > 10_000) {
      for (const [k, at] of this.recent) if (now - at >= OPENED_WINDOW_MS) this.recent.delete(k)
    }
    return true
  }

  private record(entry: NewActivity) {
    this.activity
      .append(entry)
      .catch((error) => this.logger.error(`convention ${entry.conventionId}: activity not recorded`, error))
  }
}
