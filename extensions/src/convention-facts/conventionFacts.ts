import { Extension } from '@tiptap/core'
import type { PartyKind, Period } from '@ctg/shared'
import {
  hasTopLevel,
  addCommunes,
  addParty,
  addPlanningRow,
  insertPartiesBlock,
  insertPlanningTable,
  insertTerritoryBlock,
} from './conventionFactsCommands.js'

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    conventionFacts: {
      /** Inserts the parties block (the Caf and the EPCI to fill in); refused when there is one. */
      insertPartiesBlock: () => ReturnType
      addParty: (blockPos: number, kind?: PartyKind) => ReturnType
      /** Inserts the territory block (the EPCI and its communes); refused when there is one. */
      insertTerritoryBlock: () => ReturnType
      /** Adds the communes of a pasted list of names (one per line, or separated by commas). */
      addCommunes: (blockPos: number, pasted: string) => ReturnType
      insertPlanningTable: (options: { period: Period }) => ReturnType
      addPlanningRow: (tablePos: number) => ReturnType
    }
  }
}

/** The commands of the blocks that hold a convention's facts: parties, territory, planning tables. */
export const ConventionFacts = Extension.create({
  name: 'conventionFacts',
  addCommands() {
    return {
      insertPartiesBlock:
        () =>
        ({ tr, state, dispatch }) =>
          dispatch ? insertPartiesBlock(tr, state.schema) : !hasTopLevel(state.doc, 'partiesBlock'),
      addParty:
        (blockPos, kind) =>
        ({ tr, state, dispatch }) =>
          dispatch ? addParty(tr, state.schema, blockPos, kind) : !!state.doc.nodeAt(blockPos),
      insertTerritoryBlock:
        () =>
        ({ tr, state, dispatch }) =>
          dispatch ? insertTerritoryBlock(tr, state.schema) : !hasTopLevel(state.doc, 'territoryBlock'),
      addCommunes:
        (blockPos, pasted) =>
        ({ tr, state, dispatch }) =>
          dispatch ? addCommunes(tr, state.schema, blockPos, pasted) > 0 : !!state.doc.nodeAt(blockPos),
      insertPlanningTable:
        ({ period }) =>
        ({ tr, state, dispatch }) =>
          dispatch ? insertPlanningTable(tr, state.schema, period) : true,
      addPlanningRow:
        (tablePos) =>
        ({ tr, state, dispatch }) =>
          dispatch ? addPlanningRow(tr, state.schema, tablePos) : !!state.doc.nodeAt(tablePos),
    }
  },
})
