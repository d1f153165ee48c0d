import type { List, ListItem } from '../../export/conventionModel.js'
import { attrOf, inlineText, node, textContent, type EditorNode } from '../editorJson.js'

/** Free text keeps its words and structure; inline formatting is not part of the archive. */

export function exportList(list: EditorNode): List {
  return {
    type: 'list',
    ordered: list.type === 'orderedList',
    items: (list.content ?? []).map((item) => {
      const out: ListItem = { text: '' }
      const texts: string[] = []
      for (const child of item.content ?? []) {
        if (child.type === 'bulletList' || child.type === 'orderedList') out.sublist = exportList(child)
        else texts.push(inlineText(child))
      }
      out.text = texts.join('\n\n')
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
        ...item.text.split('\n\n').map((p) => node('paragraph', undefined, textContent(p, true))),
        ...(item.sublist ? [importList(item.sublist)] : []),
      ]),
    ),
  )
}

export function headingLevel(heading: EditorNode): 1 | 2 | 3 {
  const level = Number(attrOf(heading, 'level') ?? 1)
  return (level >= 1 && level <= 3 ? level : 3) as 1 | 2 | 3
}
