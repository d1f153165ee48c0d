import type { List, ListItem } from '../../export/conventionModel.js'
import { attrOf, inlineText, node, textContent, type EditorNode } from '../editorJson.js'
import { paragraphRuns, runsContent } from '../runs.js'

/** Free text keeps its words, its structure and its formatting (as runs, see `runs.ts`). */

export function exportList(list: EditorNode): List {
  return {
    type: 'list',
    ordered: list.type === 'orderedList',
    items: (list.content ?? []).map((item) => {
      const out: ListItem = { text: '' }
      const paragraphs: EditorNode[] = []
      for (const child of item.content ?? []) {
        if (child.type !== 'bulletList' && child.type !== 'orderedList') paragraphs.push(child)
        // the model holds one sublist per item: a second one (a paste, a join) adds its items to
        // the first, so that no text is lost
        else if (out.sublist) out.sublist.items.push(...exportList(child).items)
        else out.sublist = exportList(child)
      }
      out.text = paragraphs.map(inlineText).join('\n\n')
      const runs = paragraphRuns(paragraphs)
      if (runs) out.runs = runs
      return out
    }),
  }
}

export function importList(list: List): EditorNode {
  return node(
    list.ordered ? 'orderedList' : 'bulletList',
    undefined,
    list.items.map((item) =>
      node('listItem', undefined, [
        ...(item.runs
          ? item.runs.map((r) => node('paragraph', undefined, runsContent(r)))
          : item.text.split('\n\n').map((p) => node('paragraph', undefined, textContent(p, true)))),
        ...(item.sublist ? [importList(item.sublist)] : []),
      ]),
    ),
  )
}

export function headingLevel(heading: EditorNode): 1 | 2 | 3 {
  const level = Number(attrOf(heading, 'level') ?? 1)
  return (level >= 1 && level <= 3 ? level : 3) as 1 | 2 | 3
}
