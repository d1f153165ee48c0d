import type { NodeViewRenderer } from '@tiptap/core'
import { blockControls } from './blockControls.js'
import { button, el, uneditable } from './dom.js'
import {
  blockHeading,
  structuredNodeView,
  endOfNode,
  focusFieldFrom,
  mirrorAttributes,
  placeFrom,
} from './nodeViewHelpers.js'

/** The signatures: one card per party on two columns, and a button to add a party. */
export const signatoryBlockView: NodeViewRenderer = ({ node: initial, getPos, editor, decorations }) => {
  let node = initial
  let place = placeFrom(decorations)
  const heading = blockHeading('ctg-block__title', 'Signatures')
  const count = el('span', { class: 'signatory-block__count' })
  const header = uneditable(
    'header',
    { class: 'ctg-block__header signatory-block__header' },
    heading,
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
    { class: 'signatory-block ctg-block', 'data-type': 'signatoryBlock' },
    header,
    contentDOM,
    uneditable('p', { class: 'block-empty' }, 'Aucun signataire : ajoutez les parties à la convention.'),
    uneditable('footer', { class: 'block-footer' }, add),
  )

  const render = () => {
    // two signatory blocks are two landmarks: their names must differ
    dom.setAttribute(
      'aria-label',
      `Signataires${place.ofKind > 1 ? ` — bloc ${place.ordinal} sur ${place.ofKind}` : ''}`,
    )
    heading.setAttribute('aria-level', String(place.headingLevel))
    mirrorAttributes(dom, node)
    const n = node.childCount
    count.textContent = n === 0 ? '' : ` · ${n} signataire${n > 1 ? 's' : ''}`
    dom.classList.toggle('is-empty', n === 0)
  }
  render()

  return structuredNodeView(node.type, dom, contentDOM, (updated, decos) => {
    node = updated
    place = placeFrom(decos)
    render()
  })
}
