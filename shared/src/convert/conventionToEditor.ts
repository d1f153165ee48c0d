import type { Convention, ConventionBlock, Run } from '../export/conventionModel.js'
import { importFicheAction } from './blocks/ficheAction.js'
import { importIndicatorTable } from './blocks/indicatorTable.js'
import { importPartiesBlock, importTerritoryBlock } from './blocks/partiesAndTerritory.js'
import { importPlanningTable } from './blocks/planningTable.js'
import { importSignatoryBlock } from './blocks/signatoryBlock.js'
import { importList } from './blocks/textBlocks.js'
import { node, textContent, type EditorNode } from './editorJson.js'
import type { ConventionMeta } from './editorToConvention.js'
import { runsContent } from './runs.js'

const inline = (text: string, runs: Run[] | undefined) => (runs ? runsContent(runs) : textContent(text, true))

/** One importer per block type of the structured model; parties and territory come from the top level. */
const importers: {
  [K in ConventionBlock['type']]: (block: Extract<ConventionBlock, { type: K }>, convention: Convention) => EditorNode
} = {
  paragraph: (block) => node('paragraph', undefined, inline(block.text, block.runs)),
  heading: (block) => node('heading', { level: block.level }, inline(block.text, block.runs)),
  list: (block) => importList(block),
  ficheAction: (block) => importFicheAction(block),
  indicatorTable: (block) => importIndicatorTable(block),
  signatoryBlock: (block) => importSignatoryBlock(block),
  planningTable: (block) => importPlanningTable(block),
  parties: (block, convention) => importPartiesBlock(block.id, convention.parties),
  territory: (block, convention) =>
    importTerritoryBlock(block.id, convention.territory ?? { epci: { name: '', siren: null }, communes: [] }),
}

/** Structured convention → editor JSON and metadata. Numbers (fiches, key actions) are derived, not stored. */
export function conventionToEditorJson(convention: Convention): { doc: EditorNode; meta: ConventionMeta } {
  const content = convention.content.map((block) =>
    (importers[block.type] as (b: ConventionBlock, c: Convention) => EditorNode)(block, convention),
  )
  return {
    doc: { type: 'doc', content },
    meta: { title: convention.title, period: { ...convention.period } },
  }
}
