import type { NodeViewRenderer } from '@tiptap/core'
import { listOf, THEME_LABELS, THEMES } from '@ctg/shared'
import { cssString, el, select, uneditable } from './dom.js'
import { FIELD_HINTS } from './fieldLabels.js'
import { structuredNodeView, isEmptyField, labelOf, setNodeAttrs } from './nodeViewHelpers.js'
import { THEME_OPTIONS } from './statusOptions.js'

/** The axe / thématique: a choice among the shared fields, and a free text (the label when "autre"). */
export const ficheThemeView: NodeViewRenderer = ({ node: initial, getPos, editor, extension }) => {
  let node = initial
  const label = labelOf(extension)
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
  // a fiche may span several themes: the main one above, the others checked here
  const others = THEMES.filter((t) => t !== 'autre').map((code) => {
    const box = el('input', { type: 'checkbox', value: code, 'data-testid': `other-theme-${code}` }) as HTMLInputElement
    box.addEventListener('change', () => {
      const chosen = new Set(listOf(node.attrs.otherThemes as string | null))
      if (box.checked) chosen.add(code)
      else chosen.delete(code)
      setNodeAttrs(editor, getPos, { otherThemes: THEMES.filter((t) => chosen.has(t)).join(' ') || null })
    })
    return { code, box, label: el('label', { class: 'fiche-theme__other' }, box, el('span', {}, THEME_LABELS[code])) }
  })
  dom.append(
    uneditable(
      'fieldset',
      { class: 'fiche-theme__others' },
      el('legend', { class: 'ctg-control__label' }, 'Autres thématiques de la fiche'),
      ...others.map((o) => o.label),
    ),
  )

  const render = () => {
    const code = (node.attrs.theme as string | null) ?? ''
    theme.input.value = code
    shown.textContent = theme.input.selectedOptions[0]?.textContent ?? ''
    dom.dataset.theme = code
    const chosen = new Set(listOf(node.attrs.otherThemes as string | null))
    for (const o of others) {
      o.box.checked = chosen.has(o.code)
      o.label.hidden = o.code === code
    }
    dom.classList.toggle('is-empty', isEmptyField(node))
    const hint = code === 'autre' ? 'Libellé de l’axe (à préciser)' : FIELD_HINTS.ficheTheme
    dom.style.setProperty('--placeholder', cssString(hint))
  }
  render()

  return structuredNodeView(node.type, dom, contentDOM, (updated) => {
    node = updated
    render()
  })
}
