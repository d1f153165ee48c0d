import { conventionNodes, type BlockNodeName, type ConventionNodeName } from '@ctg/shared'

const isNodeName = (name: string): name is ConventionNodeName => name in conventionNodes

/** The structured blocks of the schema (the nodes whose role is `block`), in declaration order. */
export const BLOCK_NODE_NAMES = (Object.keys(conventionNodes) as ConventionNodeName[]).filter(
  (name) => conventionNodes[name].role === 'block',
) as BlockNodeName[]

/**
 * The nodes a block is made of, the block first: every node its content expression
 * reaches (fields, entries and their fields), read from the schema in `@ctg/shared`, so a
 * field added there is part of its block here without another list to keep in step.
 */
export function blockNodeNames(block: BlockNodeName): ConventionNodeName[] {
  const found = new Set<ConventionNodeName>([block])
  const visit = (name: ConventionNodeName) => {
    const content: string = conventionNodes[name].content
    for (const word of content.match(/[A-Za-z]+/g) ?? []) {
      if (isNodeName(word) && !found.has(word)) {
        found.add(word)
        visit(word)
      }
    }
  }
  visit(block)
  return [...found]
}
