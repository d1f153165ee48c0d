import type { Convention, ConventionBlock } from '../export/conventionModel.js'
import { importFicheAction } from './blocks/ficheAction.js'
import { importIndicatorTable } from './blocks/indicatorTable.js'
import { importSignatoryBlock } from './blocks/signatoryBlock.js'
import { importList } from './blocks/textBlocks.js'
import { node, textContent, type EditorNode } from './editorJson.js'
import type { ConventionMeta } from './editorToConvention.js'

/** One importer per block type of the structured model. */
const importers: { [K in ConventionBlock['type']]: (block: Extract<ConventionBlock, { type: K }>) => EditorNode } = {
  paragraph: (block) => node('paragraph', undefined, textContent(block.text, true)),
  heading: (block) => node('heading', { level: block.level }, textContent(block.text, true)),
  list: (block) => importList(block),
  ficheAction: (block) => importFicheAction(block),
  indicatorTable: (block) => importIndicatorTable(block),
  signatoryBlock: (block) => importSignatoryBlock(block),
}

/** Structured convention → editor JSON and metadata. Numbers (fiches, key actions) are derived, not stored. */
export function conventionToEditorJson(convention: Convention): { doc: EditorNode; meta: ConventionMeta } {
  const content = convention.content.map((block) =>
    (importers[block.type] as (b: ConventionBlock) => EditorNode)(block),
  )
  return {
    doc: { type: 'doc', content },
    meta: { title: convention.title, period: { ...convention.period } },
  }
}
