import type { NodeViewRenderer } from '@tiptap/core'
import { button, el, uneditable } from './dom.js'
import { structuredNodeView, endOfNode, focusFieldFrom, labelOf } from './nodeViewHelpers.js'

/** The key actions of a fiche: a numbered list with column headings and an "add" button. */
export const keyActionsView: NodeViewRenderer = ({ node: initial, getPos, editor, extension }) => {
  let node = initial
  const label = labelOf(extension)
  const columns = uneditable(
    'div',
    { class: 'key-actions__columns', 'aria-hidden': 'true' },
    el('span', {}, 'N°'),
    el('span', {}, 'Action'),
    el('span', {}, 'Pilote'),
    el('span', {}, 'Échéance'),
    el('span', {}, 'Statut'),
    el('span', {}),
  )
  const contentDOM = el('div', { class: 'key-actions__list', role: 'list' })
  const empty = uneditable('p', { class: 'block-empty' }, 'Aucune action clé pour le moment.')
  const add = button(
    'Ajouter une action clé',
    () => {
      const pos = getPos()
      if (typeof pos !== 'number') return
      const fichePos = editor.state.doc.resolve(pos).before()
      const at = endOfNode(editor, pos)
      if (at !== null && editor.commands.addKeyAction(fichePos)) focusFieldFrom(editor, at)
    },
    { icon: 'plus', testId: 'add-key-action' },
  )
  // a group, like the other fields: a landmark per fiche would crowd the page's landmarks
  const dom = el(
    'div',
    {
      class: 'ctg-field ctg-field--multi key-actions',
      'data-type': 'ficheKeyActions',
      'data-label': label,
      role: 'group',
      'aria-label': label,
    },
    columns,
    contentDOM,
    empty,
    uneditable('div', { class: 'block-footer' }, add),
  )

  const render = () => dom.classList.toggle('is-empty', node.childCount === 0)
  render()

  return structuredNodeView(node.type, dom, contentDOM, (updated) => {
    node = updated
    render()
  })
}
