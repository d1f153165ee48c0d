import {
  CONVENTION_FORMAT,
  CONVENTION_FORMAT_VERSION,
  type Convention,
  type ConventionBlock,
  type Period,
} from '../export/conventionModel.js'
import { exportFicheAction } from './blocks/ficheAction.js'
import { exportIndicatorTable } from './blocks/indicatorTable.js'
import { exportSignatoryBlock } from './blocks/signatoryBlock.js'
import { exportList, headingLevel } from './blocks/textBlocks.js'
import { inlineText, type EditorNode } from './editorJson.js'
import { uniqueExportIds } from './uniqueExportIds.js'

export interface ConventionMeta {
  title: string
  period: Period
}

/** Counters shared by the exporters while they walk the document in order. */
interface ExportContext {
  meta: ConventionMeta
  ficheCount: number
}

type TopLevelNodeName =
  'paragraph' | 'heading' | 'bulletList' | 'orderedList' | 'ficheAction' | 'indicatorTable' | 'signatoryBlock'

/** One exporter per top-level node type: a new node type breaks the build until it is mapped here. */
const exporters: { [K in TopLevelNodeName]: (node: EditorNode, ctx: ExportContext) => ConventionBlock } = {
  paragraph: (node) => ({ type: 'paragraph', text: inlineText(node) }),
  heading: (node) => ({ type: 'heading', level: headingLevel(node), text: inlineText(node) }),
  bulletList: (node) => exportList(node),
  orderedList: (node) => exportList(node),
  ficheAction: (node, ctx) => exportFicheAction(node, ++ctx.ficheCount),
  indicatorTable: (node, ctx) => exportIndicatorTable(node, ctx.meta.period),
  signatoryBlock: (node) => exportSignatoryBlock(node),
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
  const ctx: ExportContext = { meta, ficheCount: 0 }
  const content = (doc.content ?? []).map((node, index) => {
    const exporter = exporters[node.type as TopLevelNodeName]
    if (!exporter) throw new UnknownNodeError(node.type, index)
    return exporter(node, ctx)
  })
  uniqueExportIds(content)
  return {
    format: CONVENTION_FORMAT,
    version: CONVENTION_FORMAT_VERSION,
    title: meta.title,
    period: { start: meta.period.start, end: meta.period.end },
    content,
  }
}
