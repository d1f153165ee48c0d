import type { Node } from '@tiptap/core'
import { conventionNodes, type ConventionNodeName } from '@ctg/shared'
import { createSpecNode } from '../createSpecNode.js'
import { FicheAction } from '../fiche-action/index.js'
import { IndicatorTable } from '../indicator-table/index.js'
import { SignatoryBlock } from '../signatory-block/index.js'

export type ConventionNodeExtensions = Record<ConventionNodeName, Node>

/** Every node of the blocks, by name; the client replaces them with versions that have views. */
export function conventionNodeExtensions(): ConventionNodeExtensions {
  const nodes = Object.fromEntries(
    (Object.keys(conventionNodes) as ConventionNodeName[]).map((name) => [name, createSpecNode(name)]),
  ) as ConventionNodeExtensions
  return { ...nodes, ficheAction: FicheAction, indicatorTable: IndicatorTable, signatoryBlock: SignatoryBlock }
}
