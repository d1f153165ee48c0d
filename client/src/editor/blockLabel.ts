import type { Node as PMNode } from '@tiptap/pm/model'
import type { EditorState } from '@tiptap/pm/state'
import { numberAt } from './BlockNumbering.js'

/** How a structured block is named to the people about to remove it ("la fiche action n°2 « … »"). */
export function blockLabel(state: EditorState, pos: number, block: PMNode): string {
  const title = (block.firstChild?.type.name.endsWith('Title') ? block.firstChild.textContent.trim() : '') || ''
  const quoted = title ? ` « ${title.length > 60 ? `${title.slice(0, 57)}…` : title} »` : ''
  switch (block.type.name) {
    case 'ficheAction':
      return `la fiche action n°${numberAt(state, pos) ?? '?'}${quoted}`
    case 'indicatorTable':
      return `le tableau d’indicateurs${quoted}`
    case 'signatoryBlock': {
      const n = block.childCount
      return `le bloc des signataires (${n} signataire${n > 1 ? 's' : ''})`
    }
    default:
      return 'un bloc'
  }
}
