import type { Period } from '@ctg/shared'
import { createSpecNode } from '../createSpecNode.js'
import { addFicheListItem, addKeyAction, insertFicheAction } from './helpers/ficheActionCommands.js'

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    ficheAction: {
      /** Inserts an empty fiche action after the block that holds the caret. */
      insertFicheAction: (options?: { period?: Period | null }) => ReturnType
      /** Adds a key action to the fiche at `fichePos` (at the end by default). */
      addKeyAction: (fichePos: number, index?: number) => ReturnType
      /** Adds an item to the partners or indicators field at `fieldPos`. */
      addFicheListItem: (fieldPos: number, index?: number) => ReturnType
    }
  }
}

/**
 * A fiche action: numbered in document order; its key actions are numbered from it
 * (3.1, 3.2 …). Numbers are derived, never stored, so moving a fiche renumbers it.
 */
export const FicheAction = createSpecNode('ficheAction').extend({
  addCommands() {
    return {
      insertFicheAction:
        (options) =>
        ({ tr, state, dispatch }) =>
          dispatch ? insertFicheAction(tr, state.schema, options?.period ?? null) : true,
      addKeyAction:
        (fichePos, index) =>
        ({ tr, state, dispatch }) =>
          dispatch ? addKeyAction(tr, state.schema, fichePos, index) : !!state.doc.nodeAt(fichePos),
      addFicheListItem:
        (fieldPos, index) =>
        ({ tr, state, dispatch }) =>
          dispatch ? addFicheListItem(tr, state.schema, fieldPos, index) : !!state.doc.nodeAt(fieldPos),
    }
  },
})
