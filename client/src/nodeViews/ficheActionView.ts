import type { NodeViewRenderer } from '@tiptap/core'
import type { Decoration } from '@tiptap/pm/view'
import { blockControls } from './blockControls.js'
import { commentControls } from './commentControls.js'
import { el, select, uneditable, yearInput } from './dom.js'
import {
  blockHeading,
  labelOf,
  structuredNodeView,
  mirrorAttributes,
  numberFrom,
  placeFrom,
  setNodeAttrs,
} from './nodeViewHelpers.js'
import { STATUS_OPTIONS } from './statusOptions.js'

/**
 * A fiche action as a card: a header with its derived number, follow-up status,
 * calendar and the controls every block has (move, delete); its fields in a two-column grid below.
 */
export const ficheActionView: NodeViewRenderer = ({ node: initial, getPos, editor, decorations, extension }) => {
  let node = initial
  const label = labelOf(extension)
  const number = el('span', { class: 'fiche-action__number', 'data-testid': 'fiche-number' })
  const title = blockHeading('fiche-action__kicker', `${label} `, number)

  const status = select('Statut de suivi', STATUS_OPTIONS, (value) => setNodeAttrs(editor, getPos, { status: value }), {
    className: 'fiche-action__status',
    testId: 'fiche-status',
  })
  const start = yearInput('Début', (year) => setNodeAttrs(editor, getPos, { startYear: year }), {
    testId: 'fiche-start-year',
  })
  const end = yearInput('Fin', (year) => setNodeAttrs(editor, getPos, { endYear: year }), { testId: 'fiche-end-year' })
  const calendar = uneditable(
    'div',
    { class: 'fiche-action__calendar', role: 'group', 'aria-label': 'Calendrier de la fiche' },
    el('span', { class: 'ctg-control__label' }, 'Calendrier'),
    el('div', { class: 'fiche-action__years' }, start.wrapper, el('span', { 'aria-hidden': 'true' }, '→'), end.wrapper),
  )

  const controls = blockControls(editor, getPos, () => node.attrs.id as string | null)

  const comments = commentControls('la fiche')
  const header = uneditable(
    'header',
    { class: 'fiche-action__header' },
    title,
    el('div', { class: 'fiche-action__controls' }, status.wrapper, calendar, comments.element),
    controls,
  )
  const contentDOM = el('div', { class: 'fiche-action__body' })
  const dom = el('article', { class: 'fiche-action ctg-block', 'data-type': 'ficheAction' }, header, contentDOM)

  const render = (decos: readonly Decoration[]) => {
    const n = numberFrom(decos) ?? ''
    number.textContent = n ? `n°${n}` : ''
    dom.setAttribute('aria-label', `${label} n°${n}`)
    title.setAttribute('aria-level', String(placeFrom(decos).headingLevel))
    mirrorAttributes(dom, node)
    comments.update(node, decos)
    status.input.value = node.attrs.status ?? 'a_engager'
    dom.dataset.status = status.input.value
    start.set(node.attrs.startYear ?? null)
    end.set(node.attrs.endYear ?? null)
    const invalid =
      node.attrs.startYear !== null && node.attrs.endYear !== null && node.attrs.endYear < node.attrs.startYear
    calendar.classList.toggle('is-invalid', invalid)
    calendar.title = invalid ? 'L’année de fin précède l’année de début.' : ''
  }
  render(decorations)

  return structuredNodeView(node.type, dom, contentDOM, (updated, decos) => {
    node = updated
    render(decos)
  })
}
