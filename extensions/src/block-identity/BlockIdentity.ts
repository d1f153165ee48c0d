import { Extension } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { ProsemirrorBinding, ySyncPluginKey } from '@tiptap/y-tiptap'
import { alignByBlockId } from './alignByBlockId.js'

const ALIGNED = Symbol.for('ctg.blockIdentity')

/**
 * Runs `alignByBlockId` before y-prosemirror's diff of each local change, in the same
 * Yjs transaction (origin `ySyncPluginKey`, so Yjs undo tracks it as the change itself).
 * y-prosemirror offers no hook for its diff; the binding class is wrapped once, for every
 * editor of the page (only editors of this schema exist here).
 */
export function installBlockIdentity(): void {
  const prototype = ProsemirrorBinding.prototype as ProsemirrorBinding & { [ALIGNED]?: true }
  if (prototype[ALIGNED]) return
  const diff = prototype._prosemirrorChanged
  prototype._prosemirrorChanged = function (this: ProsemirrorBinding, doc: PMNode) {
    this.doc.transact(() => {
      alignByBlockId(this, this.type, doc)
      diff.call(this, doc)
    }, ySyncPluginKey)
  }
  prototype[ALIGNED] = true
}

/** A block or entry stays one Yjs element for its whole life, even when it moves (see `alignByBlockId`). */
export const BlockIdentity = Extension.create({
  name: 'blockIdentity',
  onBeforeCreate() {
    installBlockIdentity()
  },
})
