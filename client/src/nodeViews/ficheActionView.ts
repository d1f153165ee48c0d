import type { NodeViewRenderer } from '@tiptap/core'
import type { Decoration } from '@tiptap/pm/view'
import { paragraphNode } from './paragraphNode.js'
import { confirmAction } from '../ui/confirmAction.js'
import { button, el, select, uneditable, yearInput } from './dom.js'
import {
  blockHeading,
  structuredNodeView,
  mirrorAttributes,
  numberFrom,
  placeFrom,
  setNodeAttrs,
} from './nodeViewHelpers.js'
import { STATUS_OPTIONS } from './statusOptions.js'

/**
 * A fiche action as a card: a header with its derived number, follow-up status,
 * calendar and a delete button; its fields in a two-column grid below.
 */
export const ficheActionView: NodeViewRenderer = ({ node: initial, getPos, editor, decorations }) => {
  let node = initial
  const number = el('span', { class: 'fiche-action__number', 'data-testid': 'fiche-number' })
  const title = blockHeading('fiche-action__kicker', 'Fiche action ', number)

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

  const remove = button('Supprimer', () => void deleteFiche(), {
    icon: 'trash',
    className: 'block-button block-button--danger',
    testId: 'delete-fiche',
  })

  const header = uneditable(
    'header',
    { class: 'fiche-action__header' },
    title,
    el('div', { class: 'fiche-action__controls' }, status.wrapper, calendar, remove),
  )
  const contentDOM = el('div', { class: 'fiche-action__body' })
  const dom = el('article', { class: 'fiche-action ctg-block', 'data-type': 'ficheAction' }, header, contentDOM)

  async function deleteFiche() {
    const label = number.textContent ?? ''
    const titleText = node.firstChild?.textContent.trim()
    const ok = await confirmAction({
      title: `Supprimer la fiche action ${label} ?`,
      message: `La fiche${titleText ? ` « ${titleText} »` : ''} et tout son contenu (actions clés, partenaires, indicateurs) seront supprimés pour tous les participants. Vous pourrez annuler avec Ctrl+Z.`,
      confirmLabel: 'Supprimer la fiche',
    })
    const pos = getPos()
    if (!ok || typeof pos !== 'number') return
    const current = editor.state.doc.nodeAt(pos)
    if (!current) return
    const tr = editor.state.tr
    // the document needs at least one block: leave an empty paragraph if the fiche was alone
    if (editor.state.doc.childCount === 1) tr.replaceWith(pos, pos + current.nodeSize, paragraphNode(editor.schema))
    else tr.delete(pos, pos + current.nodeSize)
    editor.view.dispatch(tr)
  }

  const render = (decos: readonly Decoration[]) => {
    const n = numberFrom(decos) ?? ''
    number.textContent = n ? `n°${n}` : ''
    dom.setAttribute('aria-label', `Fiche action n°${n}`)
    title.setAttribute('aria-level', String(placeFrom(decos).headingLevel))
    mirrorAttributes(dom, node)
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
