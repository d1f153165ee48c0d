import * as Y from 'yjs'
import { isCommentKey } from './commentFormat.js'
import { anchorIdOf } from './walkTexts.js'

const knows = (doc: Y.Doc, id: Y.ID) => Y.getState(doc.store, id.client) > id.clock

/** The existing item `id` names, or null (not received, or garbage collected). */
function existing(doc: Y.Doc, id: Y.ID | null): Y.Item | null {
  if (!id || !knows(doc, id)) return null
  const item = Y.getItem(doc.store, id)
  return item instanceof Y.Item ? item : null
}

/** The comment formatting of every live character of a text, by character id. */
function commentsByCharacter(text: Y.XmlText): Map<string, string> {
  const out = new Map<string, string>()
  const current = new Map<string, string>()
  for (let item = text._start; item; item = item.right) {
    if (item.deleted) continue
    const content = item.content
    if (content instanceof Y.ContentFormat) {
      if (!isCommentKey(content.key)) continue
      if (content.value === null) current.delete(content.key)
      else current.set(content.key, JSON.stringify(content.value))
    } else if (content instanceof Y.ContentString) {
      const value = [...current.values()].sort().join(' ')
      for (let i = 0; i < content.str.length; i++) out.set(`${item.id.client}:${item.id.clock + i}`, value)
    }
  }
  return out
}

/** What a check looks at again once the update is applied. */
export interface AnchorSnapshot {
  /** why the applied update is refused, or null */
  violation(): string | null
}

/**
 * Before `update` is applied to `doc`: records the comment marks of every text the
 * update touches (where it inserts or deletes) and the ids of the blocks and entries
 * whose attributes it sets. After: refuses an update that added, removed or changed a
 * comment mark on a character that remains, or changed the id of a block or entry that
 * remains — no client may forge, move or delete a thread's anchor (only the server writes
 * marks). Deleting commented characters or blocks is allowed: their threads detach.
 */
export function snapshotAnchors(update: Uint8Array, doc: Y.Doc): AnchorSnapshot {
  const texts = new Set<Y.XmlText>()
  const elements = new Map<Y.XmlElement, string>()
  const touch = (item: Y.Item | null) => {
    const parent = item?.parent
    if (parent instanceof Y.XmlText) texts.add(parent)
  }
  const decoded = Y.decodeUpdate(update)
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue
    const origin = existing(doc, struct.origin) ?? existing(doc, struct.rightOrigin)
    if (origin) touch(origin)
    const parentId = struct.parent instanceof Y.ID ? struct.parent : null
    const parentItem = existing(doc, parentId)
    const parentType = parentItem?.content instanceof Y.ContentType ? parentItem.content.type : null
    if (parentType instanceof Y.XmlText) texts.add(parentType)
    const element = parentType ?? (origin?.parent as Y.AbstractType<any> | undefined)
    if (struct.parentSub === 'id' && element instanceof Y.XmlElement) {
      const id = anchorIdOf(element)
      if (id) elements.set(element, id)
    }
  }
  for (const [client, ranges] of decoded.ds.clients) {
    for (const { clock, len } of ranges) {
      const end = Math.min(clock + len, Y.getState(doc.store, client))
      for (let at = clock; at < end;) {
        const item = existing(doc, Y.createID(client, at))
        if (!item) break
        touch(item)
        at = item.id.clock + item.length
      }
    }
  }
  const before = new Map([...texts].map((text) => [text, commentsByCharacter(text)]))
  return {
    violation() {
      for (const [text, characters] of before) {
        for (const [id, value] of commentsByCharacter(text)) {
          const previous = characters.get(id)
          if (previous !== undefined && previous !== value) return 'comment mark changed on text that remains'
        }
      }
      for (const [element, id] of elements) {
        if (element._item?.deleted) continue
        if (anchorIdOf(element) !== id) return 'id of a block or entry changed'
      }
      return null
    },
  }
}
