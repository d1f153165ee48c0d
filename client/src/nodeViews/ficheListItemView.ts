import type { NodeViewRenderer } from '@tiptap/core'
import { button, cssString, el, select, uneditable } from './dom.js'
import { FIELD_HINTS, LIST_ITEM_HINTS } from './fieldLabels.js'
import { structuredNodeView, isEmptyField, setNodeAttrs } from './nodeViewHelpers.js'
import { removeEntryAsking } from './removeEntry.js'

/** An item of a partners or indicators list: a bullet, one line of text, a remove button. */
export const ficheListItemView: NodeViewRenderer = ({ node: initial, getPos, editor }) => {
  let node = initial
  const pos = getPos()
  const list = typeof pos === 'number' ? editor.state.doc.resolve(pos).parent.type.name : ''
  const hint =
    list in LIST_ITEM_HINTS ? LIST_ITEM_HINTS[list as keyof typeof LIST_ITEM_HINTS] : FIELD_HINTS.ficheListItem
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

  // an indicator of a fiche may name the table row that follows it (indicators or planning)
  const link =
    list === 'ficheIndicators'
      ? select('Ligne de tableau suivie', [], (value) => setNodeAttrs(editor, getPos, { rowId: value }), {
          empty: '— Non reliée —',
          className: 'fiche-list-item__link',
          testId: 'indicator-row-link',
        })
      : null
  const fillRows = () => {
    if (!link) return
    const current = (node.attrs.rowId as string | null) ?? ''
    const rows: [string, string][] = []
    editor.state.doc.descendants((child) => {
      if (child.type.name === 'indicatorRow' || child.type.name === 'planningRow') {
        rows.push([child.attrs.id as string, child.firstChild?.textContent.trim() || 'Ligne sans intitulé'])
        return false
      }
      return true
    })
    link.input.replaceChildren(
      el('option', { value: '' }, '— Non reliée —'),
      ...rows.map(([id, label]) => el('option', { value: id }, label)),
    )
    link.input.value = current
  }
  if (link) {
    link.input.addEventListener('focus', fillRows)
    link.input.addEventListener('mousedown', fillRows)
    dom.append(link.wrapper)
  }

  const render = () => {
    dom.classList.toggle('is-empty', isEmptyField(node))
    fillRows()
  }
  render()

  return structuredNodeView(node.type, dom, contentDOM, (updated) => {
    node = updated
    render()
  })
}
