import type { NodeViewRenderer } from '@tiptap/core'
import { blockControls } from './blockControls.js'
import { button, el, uneditable } from './dom.js'
import { structuredNodeView, endOfNode, focusFieldFrom, mirrorAttributes } from './nodeViewHelpers.js'

/** The signatures: one card per party on two columns, and a button to add a party. */
export const signatoryBlockView: NodeViewRenderer = ({ node: initial, getPos, editor }) => {
  let node = initial
  const count = el('span', { class: 'signatory-block__count' })
  const header = uneditable(
    'header',
    { class: 'ctg-block__header signatory-block__header' },
    el('h3', { class: 'ctg-block__title' }, 'Signatures'),
    el('p', { class: 'ctg-block__meta' }, 'En autant d’exemplaires originaux que de signataires', count),
    blockControls(editor, getPos, () => node.attrs.id as string | null),
  )
  const contentDOM = el('div', { class: 'signatory-block__grid' })
  const add = button(
    'Ajouter un signataire',
    () => {
      const pos = getPos()
      if (typeof pos !== 'number') return
      const at = endOfNode(editor, pos)
      if (at !== null && editor.commands.addSignatory(pos, 'commune')) focusFieldFrom(editor, at)
    },
    { icon: 'plus', testId: 'add-signatory' },
  )
  const dom = el(
    'section',
    { class: 'signatory-block ctg-block', 'data-type': 'signatoryBlock', 'aria-label': 'Bloc des signataires' },
    header,
    contentDOM,
    uneditable('p', { class: 'block-empty' }, 'Aucun signataire : ajoutez les parties à la convention.'),
    uneditable('footer', { class: 'block-footer' }, add),
  )

  const render = () => {
    mirrorAttributes(dom, node)
    const n = node.childCount
    count.textContent = n === 0 ? '' : ` · ${n} signataire${n > 1 ? 's' : ''}`
    dom.classList.toggle('is-empty', n === 0)
  }
  render()

  return structuredNodeView(node.type, dom, contentDOM, (updated) => {
    node = updated
    render()
  })
}
