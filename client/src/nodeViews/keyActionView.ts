import type { NodeViewRenderer } from '@tiptap/core'
import type { Decoration } from '@tiptap/pm/view'
import { commentControls } from './commentControls.js'
import { button, el, select, uneditable, yearInput } from './dom.js'
import { structuredNodeView, mirrorAttributes, numberFrom, setNodeAttrs } from './nodeViewHelpers.js'
import { removeEntryAsking } from './removeEntry.js'
import { STATUS_OPTIONS } from './statusOptions.js'

/** One key action: its number from the fiche (3.1, 3.2 …), label and pilot, deadline, status. */
export const keyActionView: NodeViewRenderer = ({ node: initial, getPos, editor, decorations }) => {
  let node = initial
  const number = uneditable('span', { class: 'key-action__number', 'data-testid': 'key-action-number' })
  const contentDOM = el('div', { class: 'key-action__fields' })
  const deadline = yearInput('Échéance', (year) => setNodeAttrs(editor, getPos, { deadline: year }), {
    className: 'key-action__deadline',
    testId: 'key-action-deadline',
    hideLabel: true,
  })
  const status = select('Statut', STATUS_OPTIONS, (value) => setNodeAttrs(editor, getPos, { status: value }), {
    className: 'key-action__status',
    testId: 'key-action-status',
    hideLabel: true,
  })
  const remove = button(
    '',
    () =>
      void removeEntryAsking(editor, getPos, {
        title: `Supprimer l’action clé ${number.textContent} ?`,
        message: 'L’action, son pilote, son échéance et son statut seront supprimés pour tous les participants.',
      }),
    { icon: 'close', className: 'icon-button key-action__remove', testId: 'remove-key-action' },
  )
  const comments = commentControls('l’action clé', { compact: true })
  const dom = el(
    'div',
    { class: 'key-action', 'data-type': 'keyAction', role: 'listitem' },
    number,
    contentDOM,
    deadline.wrapper,
    status.wrapper,
    uneditable('div', { class: 'key-action__actions' }, comments.element, remove),
  )

  const render = (decos: readonly Decoration[]) => {
    const n = numberFrom(decos) ?? ''
    number.textContent = n
    const name = `l’action clé ${n}`
    remove.setAttribute('aria-label', `Supprimer ${name}`)
    remove.title = `Supprimer ${name}`
    deadline.input.setAttribute('aria-label', `Échéance de ${name}`)
    status.input.setAttribute('aria-label', `Statut de ${name}`)
    mirrorAttributes(dom, node)
    comments.update(node, decos)
    status.input.value = node.attrs.status ?? 'a_engager'
    status.input.dataset.status = status.input.value
    deadline.set(node.attrs.deadline ?? null)
  }
  render(decorations)

  return structuredNodeView(node.type, dom, contentDOM, (updated, decos) => {
    node = updated
    render(decos)
  })
}
