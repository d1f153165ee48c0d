import { createSpecNode } from '../createSpecNode.js'

// the blocks of a convention's facts; their commands are ConventionFacts'
/** The parties of the convention ("Entre les soussignés"). */
export const PartiesBlock = createSpecNode('partiesBlock')
/** The territory: the EPCI and its communes. */
export const TerritoryBlock = createSpecNode('territoryBlock')
/** Planned and achieved offer, per year. */
export const PlanningTable = createSpecNode('planningTable')
