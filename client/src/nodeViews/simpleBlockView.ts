import type { NodeViewRenderer } from '@tiptap/core'
import { blockControls } from './blockControls.js'
import { el, uneditable } from './dom.js'
import { blockHeading, mirrorAttributes, structuredNodeView } from './nodeViewHelpers.js'

/** A block with a title and its fields or entries below it (parties, territory, planning table). */
export function simpleBlockView(title: string, className: string): NodeViewRenderer {
  return ({ node: initial, getPos, editor }) => {
    let node = initial
    const header = uneditable(
      'header',
      { class: 'ctg-block__header' },
      blockHeading('ctg-block__title', title),
      blockControls(editor, getPos, () => node.attrs.id as string | null),
    )
    const contentDOM = el('div', { class: `${className}__content` })
    const dom = el(
      'section',
      { class: `${className} ctg-block`, 'data-type': node.type.name, 'aria-label': title },
      header,
      contentDOM,
    )
    mirrorAttributes(dom, node)
    return structuredNodeView(node.type, dom, contentDOM, (updated) => {
      node = updated
      mirrorAttributes(dom, node)
    })
  }
}

/** An entry of such a block: its fields in a card. */
export function simpleEntryView(label: string, className: string): NodeViewRenderer {
  return ({ node: initial }) => {
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
