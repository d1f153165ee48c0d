import type { Editor, NodeViewRenderer } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import type { Decoration, DecorationSource, NodeView } from '@tiptap/pm/view'

const CONTROLS = 'button, select, input, textarea'
/** Marks a control of a node view that changes nothing in the document (it stays usable read-only). */
export const DISPLAY_CONTROL = 'data-display-control'

/** Marks a control disabled because the editor is read-only (not by the view's own rules). */
const LOCKED = 'data-read-only-locked'

type Control = HTMLButtonElement | HTMLSelectElement | HTMLInputElement | HTMLTextAreaElement

/** The node view's own controls, not those of the node views nested in its contentDOM. */
function ownControls(view: NodeView): Control[] {
  const dom = view.dom as HTMLElement
  return Array.from(dom.querySelectorAll<Control>(CONTROLS)).filter(
    (control) => !view.contentDOM?.contains(control) && !control.hasAttribute(DISPLAY_CONTROL),
  )
}

function isOwnControl(view: NodeView, target: EventTarget | null): boolean {
  if (!(target instanceof Element) || view.contentDOM?.contains(target)) return false
  const control = target.closest(CONTROLS)
  return !!control && !control.hasAttribute(DISPLAY_CONTROL) && view.dom.contains(control)
}

/** One listener per editor for a change of `isEditable` (Tiptap's setEditable emits `update`). */
const editableWatchers = new WeakMap<Editor, Set<() => void>>()

function onEditableChange(editor: Editor, listener: () => void): () => void {
  let listeners = editableWatchers.get(editor)
  if (!listeners) {
    const all = new Set<() => void>()
    let editable = editor.isEditable
    editor.on('update', () => {
      if (editor.isEditable === editable) return
      editable = editor.isEditable
      all.forEach((each) => each())
    })
    editableWatchers.set(editor, all)
    listeners = all
  }
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/**
 * Wraps a node view so that its controls (selects, year and date inputs, checkboxes,
 * add and remove buttons) are disabled while the editor is not editable (a reader, a
 * commenter, a role just lowered), and enabled again as soon as it is. A control that
 * a script changes anyway changes nothing: its event stops here while read-only, and
 * after any change the view shows the node's attributes again, so a value the document
 * did not take never stays on screen.
 */
export function withReadOnlyControls(renderer: NodeViewRenderer): NodeViewRenderer {
  return (props) => {
    const view = renderer(props) as NodeView
    const { editor } = props
    let node: PMNode = props.node
    let decorations: readonly Decoration[] = props.decorations
    let inner: DecorationSource = props.innerDecorations
    const render = view.update?.bind(view)
    // Read-only: every own control disabled, those the view had enabled marked. Editable
    // again: the marked ones enabled, then the view drawn again, so that it disables what
    // its own rules disable (adding a year past 15 columns).
    const apply = () => {
      const controls = ownControls(view)
      if (!editor.isEditable) {
        for (const control of controls) {
          if (control.disabled) continue
          control.disabled = true
          control.setAttribute(LOCKED, '')
        }
        return
      }
      const locked = controls.filter((control) => control.hasAttribute(LOCKED))
      for (const control of locked) {
        control.removeAttribute(LOCKED)
        control.disabled = false
      }
      if (locked.length > 0) render?.(node, decorations, inner)
    }

    if (render) {
      view.update = (updated, decos, innerDecos) => {
        const kept = render(updated, decos, innerDecos)
        if (kept) {
          node = updated
          decorations = decos
          inner = innerDecos
          // a view may enable a control as it draws: lock it again (nothing to do while editable)
          if (!editor.isEditable) apply()
        }
        return kept
      }
    }
    const showDocument = () => {
      render?.(node, decorations, inner)
      if (!editor.isEditable) apply()
    }

    const dom = view.dom as HTMLElement
    const guard = (event: Event) => {
      if (!isOwnControl(view, event.target)) return
      if (!editor.isEditable) {
        event.stopImmediatePropagation()
        // a checkbox toggled by a click is toggled back
        if (event.type === 'click') event.preventDefault()
      }
      // the transaction, if any, has updated the node by then; otherwise the old value comes back
      if (event.type === 'change') setTimeout(showDocument, 0)
    }
    dom.addEventListener('change', guard, true)
    dom.addEventListener('input', guard, true)
    dom.addEventListener('click', guard, true)

    const stopWatching = onEditableChange(editor, apply)
    const destroy = view.destroy?.bind(view)
    view.destroy = () => {
      stopWatching()
      destroy?.()
    }
    if (!editor.isEditable) apply()
    return view
  }
}
