import type { NodeViewRenderer } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import type { Decoration } from '@tiptap/pm/view'
import { commentControls } from './commentControls.js'
import { frequencySelect } from './conventionFactsViews.js'
import { button, el, select, uneditable, yearInput } from './dom.js'
import { structuredNodeView, labelOf, mirrorAttributes, setNodeAttrs } from './nodeViewHelpers.js'
import { removeEntryAsking } from './removeEntry.js'
import { INDICATOR_KIND_OPTIONS } from './statusOptions.js'

function yearsOf(row: PMNode): number[] {
  const years: number[] = []
  row.forEach((child) => {
    if (child.type.name === 'indicatorYear') years.push(child.attrs.year as number)
  })
  return years
}

/**
 * One indicator: its fields and year cells are grid items of the row (the content
 * element is `display: contents`), placed between the row's own controls. The
 * column heading lives here too and CSS shows it for the first row only.
 */
export const indicatorRowView: NodeViewRenderer = ({ node: initial, getPos, editor, decorations, extension }) => {
  const rowLabel = labelOf(extension)
  let node = initial
  let renderedYears = ''
  const head = uneditable('div', { class: 'indicator-row__head', 'aria-hidden': 'true' })
  const kind = select('Type', INDICATOR_KIND_OPTIONS, (value) => setNodeAttrs(editor, getPos, { kind: value }), {
    className: 'indicator-row__kind',
    testId: 'indicator-kind',
    hideLabel: true,
  })
  const frequency = frequencySelect((value) => setNodeAttrs(editor, getPos, { frequency: value }))
  const baselineYear = yearInput('Année de référence', (year) => setNodeAttrs(editor, getPos, { baselineYear: year }), {
    className: 'indicator-row__baseline-year',
    testId: 'indicator-baseline-year',
    hideLabel: true,
    placeholder: 'en …',
  })
  const remove = button(
    '',
    () =>
      void removeEntryAsking(editor, getPos, {
        title: 'Supprimer cet indicateur ?',
        message: `La ligne « ${node.firstChild?.textContent || 'sans intitulé'} » et toutes ses valeurs seront supprimées pour tous les participants.`,
      }),
    {
      icon: 'trash',
      className: 'icon-button indicator-row__remove',
      ariaLabel: 'Supprimer cet indicateur',
      testId: 'remove-indicator-row',
    },
  )
  const comments = commentControls('l’indicateur', { compact: true })
  const contentDOM = el('div', { class: 'indicator-row__fields' })
  const dom = el(
    'div',
    { class: 'indicator-row', 'data-type': 'indicatorRow', role: 'group', 'aria-label': rowLabel },
    head,
    contentDOM,
    kind.wrapper,
    frequency.wrapper,
    baselineYear.wrapper,
    // names the two lines of every year cell once per row, like a spreadsheet
    uneditable(
      'div',
      { class: 'indicator-row__series', 'aria-hidden': 'true' },
      el('span', {}, 'Cible'),
      el('span', {}, 'Réalisé'),
    ),
    uneditable('div', { class: 'indicator-row__actions' }, comments.element, remove),
  )

  const renderHead = (years: number[]) => {
    const key = years.join(',')
    if (key === renderedYears) return
    renderedYears = key
    head.replaceChildren(
      el('span', {}, 'Indicateur'),
      el('span', {}, 'Type · fréquence'),
      el('span', {}, 'Unité'),
      el('span', {}, 'Source · collecte'),
      el('span', {}, 'Référence'),
      el('span', {}),
      ...years.map((year) => el('span', { class: 'indicator-row__year', 'data-column-year': year }, String(year))),
      el('span', {}),
    )
  }

  const render = (decos: readonly Decoration[]) => {
    mirrorAttributes(dom, node)
    comments.update(node, decos)
    kind.input.value = node.attrs.kind ?? 'realisation'
    frequency.input.value = node.attrs.frequency ?? ''
    baselineYear.set(node.attrs.baselineYear ?? null)
    const label = node.firstChild?.textContent.trim()
    dom.setAttribute('aria-label', label ? `${rowLabel} : ${label}` : rowLabel)
    renderHead(yearsOf(node))
  }
  render(decorations)

  return structuredNodeView(node.type, dom, contentDOM, (updated, decos) => {
    node = updated
    render(decos)
  })
}
