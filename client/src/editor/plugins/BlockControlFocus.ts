import { Extension } from '@tiptap/core'
import { isStructuredBlock, topLevelOfSelection } from '@ctg/extensions'
import type { EditorView } from '@tiptap/pm/view'

const FOCUSABLE = 'button:not(:disabled), select:not(:disabled), input:not(:disabled), [tabindex]:not([tabindex="-1"])'

/**
 * Tab from the text of a block goes to the next control after the caret (Shift+Tab:
 * the previous one), as in a form. The browser would start from the editor itself,
 * so from a field of the tenth fiche it reached the first fiche's controls.
 */
function focusControlFrom(view: EditorView, backwards: boolean): boolean {
  const { state } = view
  const top = topLevelOfSelection(state.doc, state.selection)
  if (!top || !isStructuredBlock(top.node)) return false
  const { node: caret } = view.domAtPos(state.selection.head)
  const controls = [...view.dom.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (element) => element.getClientRects().length > 0,
  )
  const after = (element: HTMLElement) =>
    !!(caret.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) && !element.contains(caret)
  const next = backwards ? controls.filter((element) => !after(element)).at(-1) : controls.find(after)
  if (!next) return false
  next.focus()
  return true
}

export const BlockControlFocus = Extension.create({
  name: 'blockControlFocus',

  addKeyboardShortcuts() {
    return {
      Tab: ({ editor }) => focusControlFrom(editor.view, false),
      'Shift-Tab': ({ editor }) => focusControlFrom(editor.view, true),
    }
  },
})
