import type { Editor } from '@tiptap/core'
import { blockLabel } from '../editor/blockLabel.js'
import { endBlockDrag, pressBlockHandle, startBlockDrag } from '../editor/plugins/BlockDrag.js'
import { confirmAction } from '../ui/confirmAction.js'
import { button, el, uneditable } from './dom.js'
import type { GetPos } from './nodeViewHelpers.js'

type Action = 'up' | 'down' | 'delete'

/** The current position of the block with this id (positions change while a dialog is open). */
function positionOf(editor: Editor, id: string | null, fallback: GetPos): number | null {
  let found: number | null = null
  if (id) editor.state.doc.forEach((node, offset) => (node.attrs.id === id ? (found = offset) : undefined))
  const pos = found ?? fallback()
  return typeof pos === 'number' ? pos : null
}

/** Gives the focus back to the same control of the block once it has moved (its element may be redrawn). */
function refocus(editor: Editor, id: string | null, action: Action, getPos: GetPos) {
  const pos = positionOf(editor, id, getPos)
  const dom = pos === null ? null : editor.view.nodeDOM(pos)
  if (dom instanceof HTMLElement) dom.querySelector<HTMLButtonElement>(`[data-block-action="${action}"]`)?.focus()
}

/**
 * The same controls on every structured block: a drag handle, "Monter",
 * "Descendre" and "Supprimer" (which always asks first). `getId` reads the
 * block's id when clicked, so a dialog left open follows the block.
 */
export function blockControls(editor: Editor, getPos: GetPos, getId: () => string | null): HTMLElement {
  const move = (action: 'up' | 'down') => () => {
    const id = getId()
    const pos = positionOf(editor, id, getPos)
    if (pos === null || !editor.isEditable) return
    const moved = action === 'up' ? editor.commands.moveBlockUp(pos) : editor.commands.moveBlockDown(pos)
    // the focus follows the block, and focusing scrolls the button into view
    if (moved) refocus(editor, id, action, getPos)
  }

  const remove = async () => {
    const id = getId()
    const pos = positionOf(editor, id, getPos)
    const node = pos === null ? null : editor.state.doc.nodeAt(pos)
    if (pos === null || !node || !editor.isEditable) return
    const label = blockLabel(editor.state, pos, node)
    const ok = await confirmAction({
      title: `Supprimer ${label} ?`,
      message: `${label.charAt(0).toUpperCase()}${label.slice(1)} et tout son contenu seront supprimés pour tous les participants. Vous pourrez annuler avec Ctrl+Z.`,
      confirmLabel: 'Supprimer',
    })
    const current = positionOf(editor, id, getPos)
    if (ok && current !== null) editor.commands.deleteBlock(current)
  }

  const control = (label: string, action: Action, onClick: () => void, extra: { icon?: 'trash'; title?: string }) => {
    const b = button(label, onClick, {
      icon: extra.icon,
      className: `block-button block-button--header${action === 'delete' ? ' block-button--danger' : ''}`,
      testId: `block-${action}`,
      title: extra.title,
    })
    b.dataset.blockAction = action
    if (action !== 'delete')
      b.prepend(el('span', { class: 'block-button__arrow', 'aria-hidden': 'true' }, action === 'up' ? '↑' : '↓'))
    return b
  }

  const handle = el(
    'span',
    {
      class: 'block-handle',
      draggable: 'true',
      'aria-hidden': 'true',
      title: 'Glisser pour déplacer le bloc (ou Monter / Descendre, Alt+Maj+↑ / ↓)',
      'data-testid': 'block-handle',
    },
    '⠿',
  )
  handle.addEventListener('mousedown', () => {
    const pos = positionOf(editor, getId(), getPos)
    if (pos !== null) pressBlockHandle(editor, pos)
  })
  handle.addEventListener('dragstart', (event) => {
    const pos = positionOf(editor, getId(), getPos)
    if (pos !== null) startBlockDrag(editor, pos, event)
  })
  handle.addEventListener('dragend', () => endBlockDrag(editor))

  return uneditable(
    'div',
    { class: 'block-controls', role: 'group', 'aria-label': 'Déplacer ou supprimer le bloc' },
    handle,
    control('Monter', 'up', move('up'), { title: 'Monter le bloc (Alt+Maj+↑)' }),
    control('Descendre', 'down', move('down'), { title: 'Descendre le bloc (Alt+Maj+↓)' }),
    control('Supprimer', 'delete', () => void remove(), { icon: 'trash', title: 'Supprimer le bloc' }),
  )
}
