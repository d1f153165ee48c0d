import {
  CONVENTION_FORMAT,
  CONVENTION_FORMAT_VERSION,
  type Convention,
  type ConventionBlock,
  type Party,
  type Period,
  type Territory,
} from '../export/conventionModel.js'
import { exportFicheAction } from './blocks/ficheAction.js'
import { exportIndicatorTable } from './blocks/indicatorTable.js'
import { exportParties, exportTerritory } from './blocks/partiesAndTerritory.js'
import { exportPlanningTable } from './blocks/planningTable.js'
import { exportSignatoryBlock } from './blocks/signatoryBlock.js'
import { exportList, headingLevel } from './blocks/textBlocks.js'
import { attrOf, inlineText, type EditorNode } from './editorJson.js'
import { resolveReferences } from './resolveReferences.js'
import { inlineRuns } from './runs.js'
import { uniqueExportIds } from './uniqueExportIds.js'

export interface ConventionMeta {
  title: string
  period: Period
}

/** What the exporters gather while they walk the document in order. */
interface ExportContext {
  meta: ConventionMeta
  ficheCount: number
  parties: Party[]
  partiesPlaced: boolean
  territory: Territory | null
}

type TopLevelNodeName =
  | 'paragraph'
  | 'heading'
  | 'bulletList'
  | 'orderedList'
  | 'ficheAction'
  | 'indicatorTable'
  | 'signatoryBlock'
  | 'planningTable'
  | 'partiesBlock'
  | 'territoryBlock'

const withRuns = <T extends object>(block: T, node: EditorNode): T => {
  const runs = inlineRuns(node)
  return runs ? { ...block, runs } : block
}

/**
 * One exporter per top-level node type: a new node type breaks the build until it is mapped
 * here. Null leaves the node out of `content` (a second parties or territory block, which the
 * update guard refuses but a document stored before may hold: its data joins the first's).
 */
const exporters: { [K in TopLevelNodeName]: (node: EditorNode, ctx: ExportContext) => ConventionBlock | null } = {
  paragraph: (node) => withRuns({ type: 'paragraph' as const, text: inlineText(node) }, node),
  heading: (node) => withRuns({ type: 'heading' as const, level: headingLevel(node), text: inlineText(node) }, node),
  bulletList: (node) => exportList(node),
  orderedList: (node) => exportList(node),
  ficheAction: (node, ctx) => exportFicheAction(node, ++ctx.ficheCount),
  indicatorTable: (node, ctx) => exportIndicatorTable(node, ctx.meta.period),
  signatoryBlock: (node) => exportSignatoryBlock(node),
  planningTable: (node, ctx) => exportPlanningTable(node, ctx.meta.period),
  partiesBlock: (node, ctx) => {
    ctx.parties.push(...exportParties(node))
    if (ctx.partiesPlaced) return null
    ctx.partiesPlaced = true
    return { type: 'parties', id: attrOf(node, 'id') }
  },
  territoryBlock: (node, ctx) => {
    const territory = exportTerritory(node)
    if (ctx.territory) {
      ctx.territory.communes.push(...territory.communes)
      return null
    }
    ctx.territory = territory
    return { type: 'territory', id: attrOf(node, 'id') }
  },
}

export class UnknownNodeError extends Error {
  constructor(
    readonly nodeType: string,
    readonly index: number,
  ) {
    super(`unknown node type "${nodeType}" at content[${index}]`)
  }
}

/** Editor JSON (plus the convention's metadata) → structured convention. */
export function editorJsonToConvention(doc: EditorNode, meta: ConventionMeta): Convention {
  const ctx: ExportContext = { meta, ficheCount: 0, parties: [], partiesPlaced: false, territory: null }
  const content: ConventionBlock[] = []
  ;(doc.content ?? []).forEach((node, index) => {
    const exporter = exporters[node.type as TopLevelNodeName]
    if (!exporter) throw new UnknownNodeError(node.type, index)
    const block = exporter(node, ctx)
    if (block) content.push(block)
  })
  const convention: Convention = {
    format: CONVENTION_FORMAT,
    version: CONVENTION_FORMAT_VERSION,
    title: meta.title,
    period: { start: meta.period.start, end: meta.period.end },
    parties: ctx.parties,
    territory: ctx.territory,
    content,
  }
  uniqueExportIds(convention)
  resolveReferences(convention)
  return convention
}
