import type { RichBlock } from '../../export/conventionModel.js'
import { richFieldText } from '../../export/richText.js'
import { node, paragraphNodes, type EditorNode } from '../editorJson.js'
import { inlineRuns, plainRuns, runsContent } from '../runs.js'
import { exportList, importList } from './textBlocks.js'

const isList = (block: EditorNode) => block.type === 'bulletList' || block.type === 'orderedList'

/**
 * A field of paragraphs and lists (objective, expected result…) as the export writes it: its
 * plain text, and its blocks as data (`rich`) when a paragraph has formatting or the field a
 * list. The text is spelled from the blocks, so that the two always agree.
 */
export function exportParagraphsField(field: EditorNode): { text: string; rich?: RichBlock[] } {
  const children = field.content ?? []
  const blocks = children.map((child) => (isList(child) ? exportList(child) : (inlineRuns(child) ?? plainRuns(child))))
  const text = richFieldText(blocks)
  return children.some((child) => isList(child) || inlineRuns(child)) ? { text, rich: blocks } : { text }
}

/** The field's blocks back: from `rich` when the export has it, else paragraphs from the text. */
export function importParagraphsField(text: string, rich: RichBlock[] | undefined): EditorNode[] {
  if (!rich) return paragraphNodes(text)
  return rich.map((block) =>
    Array.isArray(block) ? node('paragraph', undefined, runsContent(block)) : importList(block),
  )
}
