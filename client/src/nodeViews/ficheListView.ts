import type { NodeViewRenderer } from '@tiptap/core'
import { button, el, uneditable } from './dom.js'
import { structuredNodeView, endOfNode, focusFieldFrom, labelOf } from './nodeViewHelpers.js'

const TEXTS = {
  fichePartners: { empty: 'Aucun partenaire renseigné.', add: 'Ajouter un partenaire', testId: 'add-partner' },
  ficheIndicators: {
    empty: 'Aucun indicateur renseigné.',
    add: 'Ajouter un indicateur',
    testId: 'add-fiche-indicator',
  },
} as const

/** A list field of a fiche (partners, indicators): one line per item, with add and remove buttons. */
export function ficheListView(name: keyof typeof TEXTS): NodeViewRenderer {
  const texts = TEXTS[name]
  return ({ node: initial, getPos, editor, extension }) => {
    const label = labelOf(extension)
    let node = initial
    const contentDOM = el('div', { class: 'fiche-list__items', role: 'list' })
    const add = button(
      texts.add,
      () => {
        const pos = getPos()
        if (typeof pos !== 'number') return
        const at = endOfNode(editor, pos)
        if (at !== null && editor.commands.addFicheListItem(pos)) focusFieldFrom(editor, at)
      },
      { icon: 'plus', testId: texts.testId },
    )
    const dom = el(
      'div',
      {
        class: `ctg-field ctg-field--multi fiche-list`,
        'data-type': name,
        'data-label': label,
        role: 'group',
        'aria-label': label,
      },
      contentDOM,
      uneditable('p', { class: 'block-empty' }, texts.empty),
      uneditable('div', { class: 'block-footer' }, add),
    )
    const render = () => dom.classList.toggle('is-empty', node.childCount === 0)
    render()
    return structuredNodeView(node.type, dom, contentDOM, (updated) => {
      node = updated
      render()
    })
  }
}
