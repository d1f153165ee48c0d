import type { Node as PMNode } from '@tiptap/pm/model'

/** The number a fiche gets in document order (numbers are derived, never stored). */
function ficheNumber(doc: PMNode, pos: number): number {
  let n = 0
  doc.forEach((node, offset) => {
    if (node.type.name === 'ficheAction' && offset <= pos) n += 1
  })
  return n
}

/** How a structured block is named to the people about to remove it ("la fiche action n°2 « … »"). */
export function blockLabel(doc: PMNode, pos: number, block: PMNode): string {
  const title = (block.firstChild?.type.name.endsWith('Title') ? block.firstChild.textContent.trim() : '') || ''
  const quoted = title ? ` « ${title.length > 60 ? `${title.slice(0, 57)}…` : title} »` : ''
  switch (block.type.name) {
    case 'ficheAction':
      return `la fiche action n°${ficheNumber(doc, pos)}${quoted}`
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
