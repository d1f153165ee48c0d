import type { NodeViewRenderer } from '@tiptap/core'
import { el } from './dom.js'
import { labelOf, mirrorAttributes, structuredNodeView } from './nodeViewHelpers.js'

/** An entry of such a block: its fields in a card. */
export function simpleEntryView(className: string): NodeViewRenderer {
  return ({ node: initial, extension }) => {
    const label = labelOf(extension)
    let node = initial
    const contentDOM = el('div', { class: `${className}__fields` })
    const dom = el(
      'div',
      { class: `${className} ctg-entry`, 'data-type': node.type.name, role: 'group', 'aria-label': label },
      contentDOM,
    )
    mirrorAttributes(dom, node)
    return structuredNodeView(node.type, dom, contentDOM, (updated) => {
      node = updated
      mirrorAttributes(dom, node)
    })
  }
}
