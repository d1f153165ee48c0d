import type { NodeViewRenderer } from '@tiptap/core'
import { button, cssString, el, uneditable } from './dom.js'
import { FIELD_LABELS, LIST_ITEM_HINTS } from './fieldLabels.js'
import { structuredNodeView, isEmptyField } from './nodeViewHelpers.js'
import { removeEntryAsking } from './removeEntry.js'

/** An item of a partners or indicators list: a bullet, one line of text, a remove button. */
export const ficheListItemView: NodeViewRenderer = ({ node: initial, getPos, editor }) => {
  let node = initial
  const pos = getPos()
  const list = typeof pos === 'number' ? editor.state.doc.resolve(pos).parent.type.name : ''
  const hint =
    list in LIST_ITEM_HINTS ? LIST_ITEM_HINTS[list as keyof typeof LIST_ITEM_HINTS] : FIELD_LABELS.ficheListItem.hint
  const what = list === 'fichePartners' ? 'ce partenaire' : 'cet indicateur'

  const contentDOM = el('div', { class: 'ctg-field__content', 'data-field-content': '' })
  const remove = button(
    '',
    () =>
      void removeEntryAsking(editor, getPos, {
        title: `Retirer ${what} ?`,
        message: `« ${node.textContent} » sera retiré de la liste pour tous les participants.`,
      }),
    {
      icon: 'close',
      className: 'icon-button fiche-list-item__remove',
      ariaLabel: `Retirer ${what}`,
      testId: 'remove-list-item',
    },
  )
  const dom = el(
    'div',
    { class: 'ctg-field ctg-field--line fiche-list-item', 'data-type': 'ficheListItem', role: 'listitem' },
    uneditable('span', { class: 'fiche-list-item__bullet', 'aria-hidden': 'true' }),
    contentDOM,
    uneditable('span', { class: 'fiche-list-item__actions' }, remove),
  )
  dom.style.setProperty('--placeholder', cssString(hint))

  const render = () => dom.classList.toggle('is-empty', isEmptyField(node))
  render()

  return structuredNodeView(node.type, dom, contentDOM, (updated) => {
    node = updated
    render()
  })
}
