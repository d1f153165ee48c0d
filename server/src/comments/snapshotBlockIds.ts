import { Y_FRAGMENT_NAME } from '@ctg/shared'
import * as Y from 'yjs'
import { anchorIdOf } from './walkTexts.js'

const knows = (doc: Y.Doc, id: Y.ID) => Y.getState(doc.store, id.client) > id.clock

/** The existing item `id` names, or null (not received). */
function existing(doc: Y.Doc, id: Y.ID | null): Y.Item | null {
  if (!id || !knows(doc, id)) return null
  const item = Y.getItem(doc.store, id)
  return item instanceof Y.Item ? item : null
}

/** The ids of every block and entry in the document. */
function liveIds(doc: Y.Doc): Set<string> {
  const ids = new Set<string>()
  const walk = (parent: Y.XmlFragment) => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue
      const id = anchorIdOf(child)
      if (id) ids.add(id)
      walk(child)
    }
  }
  walk(doc.getXmlFragment(Y_FRAGMENT_NAME))
  return ids
}

/** What a check looks at again once the update is applied. */
export interface BlockIdSnapshot {
  /** why the applied update is refused, or null */
  violation(): string | null
}

/**
 * Before `update` is applied to `doc`: records the ids of the blocks and entries whose
 * `id` attribute the update sets. After: refuses an update that changed the id of a
 * block or entry that remains so that its old id is nowhere in the document any more,
 * which would take its threads' block away. Honest editors do rewrite ids in place:
 * when a person swaps two blocks or entries of one type (moving a fiche past another),
 * y-prosemirror's diff writes each element with the other's content and id, and both ids
 * remain, each with its content; refusing that made the mover's every later update
 * depend on a refused one (4422 at each reconnection). Deleting the block is allowed:
 * its threads detach.
 */
export function snapshotBlockIds(update: Uint8Array, doc: Y.Doc): BlockIdSnapshot {
  const elements = new Map<Y.XmlElement, string>()
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item)) continue
    // a new value names its element and key, or (encoded without them) the value it replaces as origin
    const replaced = existing(doc, struct.origin)
    if ((struct.parentSub ?? replaced?.parentSub) !== 'id') continue
    const parentItem = existing(doc, struct.parent instanceof Y.ID ? struct.parent : null)
    const element = parentItem?.content instanceof Y.ContentType ? parentItem.content.type : replaced?.parent
    if (!(element instanceof Y.XmlElement)) continue
    const id = anchorIdOf(element)
    if (id) elements.set(element, id)
  }
  return {
    violation() {
      let present: Set<string> | undefined
      for (const [element, id] of elements) {
        if (element._item?.deleted || anchorIdOf(element) === id) continue
        present ??= liveIds(doc)
        if (!present.has(id)) return 'id of a block or entry changed'
      }
      return null
    },
  }
}
