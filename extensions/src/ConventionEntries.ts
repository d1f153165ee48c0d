import { Extension } from '@tiptap/core'
import { removeEntry } from './helpers/insertEntry.js'

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    conventionEntries: {
      /** Removes a key action, indicator row, signatory or list item, when its container allows it. */
      removeEntry: (pos: number) => ReturnType
    }
  }
}

/** Removing an entry (key action, indicator row, signatory, list item…) from its container. */
export const ConventionEntries = Extension.create({
  name: 'conventionEntries',
  addCommands() {
    return {
      removeEntry:
        (pos) =>
        ({ tr, state, dispatch }) =>
          dispatch ? removeEntry(tr, pos) : !!state.doc.nodeAt(pos),
    }
  },
})
