import type { NodeViewRenderer } from '@tiptap/core'
import { cssString, el, select } from './dom.js'
import { FIELD_LABELS } from './fieldLabels.js'
import { structuredNodeView, isEmptyField, setNodeAttrs } from './nodeViewHelpers.js'
import { THEME_OPTIONS } from './statusOptions.js'

/** The axe / thématique: a choice among the shared fields, and a free text (the label when "autre"). */
export const ficheThemeView: NodeViewRenderer = ({ node: initial, getPos, editor }) => {
  let node = initial
  const { label } = FIELD_LABELS.ficheTheme
  const theme = select(label, THEME_OPTIONS, (value) => setNodeAttrs(editor, getPos, { theme: value }), {
    empty: '— Choisir un axe —',
    className: 'fiche-theme__select',
    testId: 'fiche-theme',
    hideLabel: true,
  })
  // a select cannot wrap its text: the chosen axis is shown in full by this text, under the
  // select made transparent (the select keeps the focus, the keyboard and the phone's picker)
  const shown = el('span', { class: 'fiche-theme__shown', 'aria-hidden': 'true' })
  theme.wrapper.append(shown)
  const contentDOM = el('div', { class: 'ctg-field__content', 'data-field-content': '' })
  const dom = el(
    'div',
    {
      class: 'ctg-field ctg-field--line fiche-theme',
      'data-type': 'ficheTheme',
      'data-label': label,
      role: 'group',
      'aria-label': label,
    },
    el('div', { class: 'fiche-theme__row' }, theme.wrapper, contentDOM),
  )

  const render = () => {
    const code = (node.attrs.theme as string | null) ?? ''
    theme.input.value = code
    shown.textContent = theme.input.selectedOptions[0]?.textContent ?? ''
    dom.dataset.theme = code
    dom.classList.toggle('is-empty', isEmptyField(node))
    const hint = code === 'autre' ? 'Libellé de l’axe (à préciser)' : FIELD_LABELS.ficheTheme.hint
    dom.style.setProperty('--placeholder', cssString(hint))
  }
  render()

  return structuredNodeView(node.type, dom, contentDOM, (updated) => {
    node = updated
    render()
  })
}
