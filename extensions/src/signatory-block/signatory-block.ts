import type { SignatoryKind } from '@ctg/shared'
import { createSpecNode } from '../createSpecNode.js'
import { addSignatory, insertSignatoryBlock } from './helpers/signatoryBlockCommands.js'

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    signatoryBlock: {
      /** Inserts a signatory block with two entries (the Caf and the EPCI). */
      insertSignatoryBlock: () => ReturnType
      addSignatory: (blockPos: number, kind?: SignatoryKind, index?: number) => ReturnType
    }
  }
}

/** The signatures of the parties: one entry per signatory, laid out on two columns. */
export const SignatoryBlock = createSpecNode('signatoryBlock').extend({
  addCommands() {
    return {
      insertSignatoryBlock:
        () =>
        ({ tr, state, dispatch }) =>
          dispatch ? insertSignatoryBlock(tr, state.schema) : true,
      addSignatory:
        (blockPos, kind, index) =>
        ({ tr, state, dispatch }) =>
          dispatch ? addSignatory(tr, state.schema, blockPos, kind, index) : !!state.doc.nodeAt(blockPos),
    }
  },
})
