/**
 * Blocks a convention holds at most once: its parties and its territory are each one list.
 * The update guard refuses a second one (two people inserting one at once: the second
 * update to reach the server), the editor offers to insert one only where there is none,
 * and the import accepts one place for each.
 */
export const SINGLE_BLOCK_NAMES: ReadonlySet<string> = new Set(['partiesBlock', 'territoryBlock'])
