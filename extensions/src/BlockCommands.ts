import { Extension } from '@tiptap/core'
import type { EditorState } from '@tiptap/pm/state'
import { isStructuredBlock } from './helpers/removedBlocks.js'
import { deleteBlock, moveBlock } from './helpers/moveBlock.js'
import { topLevelAt, topLevelOfSelection } from './helpers/topLevelBlock.js'

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    blockCommands: {
      /** Moves the structured block at `pos` (or the one holding the caret) above its previous neighbour. */
      moveBlockUp: (pos?: number) => ReturnType
      /** Moves the structured block at `pos` (or the one holding the caret) below its next neighbour. */
      moveBlockDown: (pos?: number) => ReturnType
      /** Deletes the structured block at `pos`; the caller has asked for confirmation. */
      deleteBlock: (pos: number) => ReturnType
    }
  }
}

/** Moving and deleting whole structured blocks; each is one transaction that keeps ids. */
export const BlockCommands = Extension.create({
  name: 'blockCommands',

  addCommands() {
    const target = (state: EditorState, pos?: number) => {
      const block = pos === undefined ? topLevelOfSelection(state.doc, state.selection) : topLevelAt(state.doc, pos)
      return block && isStructuredBlock(block.node) ? block : null
    }
    return {
      moveBlockUp:
        (pos) =>
        ({ tr, state, dispatch }) =>
          dispatch ? moveBlock(tr, 'up', pos) : (target(state, pos)?.index ?? 0) > 0,
      moveBlockDown:
        (pos) =>
        ({ tr, state, dispatch }) =>
          dispatch ? moveBlock(tr, 'down', pos) : (target(state, pos)?.index ?? Infinity) < state.doc.childCount - 1,
      deleteBlock:
        (pos) =>
        ({ tr, state, dispatch }) =>
          dispatch ? deleteBlock(tr, pos) : target(state, pos)?.pos === pos,
    }
  },

  addKeyboardShortcuts() {
    return {
      'Alt-Shift-ArrowUp': () => this.editor.commands.moveBlockUp(),
      'Alt-Shift-ArrowDown': () => this.editor.commands.moveBlockDown(),
    }
  },
})
