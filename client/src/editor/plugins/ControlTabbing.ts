import { Extension, type Editor } from '@tiptap/core'

const FOCUSABLE = 'button, select, input, textarea, a[href], [tabindex]:not([tabindex="-1"])'

/** The blocks' controls (selects, years, buttons) the keyboard can reach, in document order. */
function controlsIn(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (control) => !(control as HTMLButtonElement).disabled && control.getClientRects().length > 0,
  )
}

/**
 * Tab from the caret: the browser starts Tab at the editor itself, so from a field of the
 * tenth fiche it would go to the first fiche's first control. Inside a structured block,
 * Tab and Shift+Tab go to the control right after or before the caret instead (free text
 * keeps Tab for lists). Escape on a control brings the caret back where it was.
 */
export const ControlTabbing = Extension.create({
  name: 'controlTabbing',

  addKeyboardShortcuts() {
    const move =
      (backwards: boolean) =>
      ({ editor }: { editor: Editor }) => {
        const { state, view } = editor
        // from the text only: on a focusable element inside the document (a table's scrolling
        // frame), Tab is the browser's, or Shift+Tab would come back here for ever
        if (document.activeElement !== view.dom) return false
        const { $head } = state.selection
        if ($head.depth < 1 || $head.node(1).type.spec.group !== 'ctgBlock') return false
        const caret = document.createRange()
        const { node, offset } = view.domAtPos(state.selection.head)
        caret.setStart(node, offset)
        const controls = controlsIn(view.dom)
        const target = backwards
          ? controls.filter((control) => caret.comparePoint(control, 0) < 0).at(-1)
          : controls.find((control) => caret.comparePoint(control, 0) > 0)
        if (!target) return false
        target.focus()
        return true
      }
    return { Tab: move(false), 'Shift-Tab': move(true) }
  },

  onCreate() {
    const { editor } = this
    const dom = editor.view.dom as HTMLElement
    // node views keep ProseMirror out of their controls' events: listen on the DOM itself
    dom.addEventListener('keydown', (event) => {
      const target = event.target
      if (event.key !== 'Escape' || !(target instanceof HTMLElement) || target === dom) return
      if (!target.matches(FOCUSABLE)) return
      event.preventDefault()
      // ProseMirror kept its selection while the control had the focus. Tiptap's focus
      // command waits for the next frame: take the focus now, so a key typed right after
      // Escape reaches the text, and let the command scroll the caret into view.
      editor.view.focus()
      editor.commands.focus(null, { scrollIntoView: true })
    })
  },
})
