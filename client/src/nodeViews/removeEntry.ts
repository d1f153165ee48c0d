import type { Editor } from '@tiptap/core'
import { confirmAction } from '../ui/confirmAction.js'
import type { GetPos } from './nodeViewHelpers.js'

/**
 * Removes an entry (key action, indicator row, signatory, list item). Asks first
 * when it holds text, since the removal reaches every participant at once.
 */
export async function removeEntryAsking(editor: Editor, getPos: GetPos, what: { title: string; message: string }) {
  const pos = getPos()
  if (typeof pos !== 'number' || !editor.isEditable) return
  const node = editor.state.doc.nodeAt(pos)
  if (!node) return
  if (node.textContent.trim() !== '') {
    const ok = await confirmAction({ title: what.title, message: what.message, confirmLabel: 'Supprimer' })
    if (!ok) return
  }
  const current = getPos()
  if (typeof current === 'number') editor.commands.removeEntry(current)
}
