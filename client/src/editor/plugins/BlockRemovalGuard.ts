import { Extension } from '@tiptap/core'
import { CONFIRMED_BLOCK_REMOVAL, removedNonEmptyBlocks, type BlockRef } from '@ctg/extensions'
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { blockLabel } from '../blockLabel.js'

export interface BlockRemovalGuardOptions {
  /** asks the question; true lets the change through (the browser's confirm by default) */
  confirm: (question: string) => boolean
}

export const blockRemovalGuardKey = new PluginKey('blockRemovalGuard')

/** The question asked before a change removes these blocks. */
export function removalQuestion(state: EditorState, removed: BlockRef[]): string {
  const labels = removed.map((block) => blockLabel(state, block.pos, block.node))
  const what =
    labels.length === 1
      ? `Cette action supprime ${labels[0]}`
      : `Cette action supprime ${labels.length} blocs : ${labels.join(', ')}`
  return `${what}, pour tous les participants.\n\nSupprimer quand même ?`
}

/** The plugin itself: `confirm` answers whether removing the blocks it names is wanted. */
export function blockRemovalGuardPlugin(confirm: (question: string) => boolean): Plugin {
  return new Plugin({
    key: blockRemovalGuardKey,
    filterTransaction: (tr, state) => {
      if (!tr.docChanged || tr.getMeta(ySyncPluginKey) || tr.getMeta(CONFIRMED_BLOCK_REMOVAL)) return true
      // what plugins append (fresh ids, numbering) follows a change already let through
      if (tr.getMeta('appendedTransaction')) return true
      const removed = removedNonEmptyBlocks(state.doc, tr.doc)
      if (removed.length === 0) return true
      return confirm(removalQuestion(state, removed))
    },
  })
}

/**
 * Asks before any local change (a key, a paste, a drop, a cut) removes a non-empty
 * structured block, and drops the change when the person cancels. It filters the
 * transaction itself, so nothing is applied, sent or stored before the answer.
 * The question is the browser's own confirm(): it answers synchronously, so the
 * change is applied to exactly the document it was made on (an asynchronous dialog
 * would have to replay it over other people's edits). Remote changes (Yjs) and the
 * blocks' own delete control, which asks first, pass.
 */
export const BlockRemovalGuard = Extension.create<BlockRemovalGuardOptions>({
  name: 'blockRemovalGuard',

  addOptions() {
    return { confirm: (question) => window.confirm(question) }
  },

  addProseMirrorPlugins() {
    return [blockRemovalGuardPlugin(this.options.confirm)]
  },
})
