import { Extension } from '@tiptap/core'
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'

/** The position of a DOM point in the document, when it is inside editable text (not a block's controls). */
function textPosition(view: EditorView, node: Node | null, offset: number): number | null {
  if (!node || !view.dom.contains(node)) return null
  const element = node instanceof Element ? node : node.parentElement
  if (element?.closest('[contenteditable="false"]')) return null
  try {
    const pos = view.posAtDOM(node, offset)
    return view.state.doc.resolve(pos).parent.inlineContent ? pos : null
  } catch {
    return null
  }
}

/**
 * Brings the editor's selection up to date with the browser's. A click moves the
 * browser's caret at once, but ProseMirror reads it only when the `selectionchange`
 * event is handled, a task later; a key pressed (or a toolbar button used) right
 * after the click, on a busy machine or while the click also focused the editor, was
 * applied where the caret used to be (at the start of the document for a page just
 * opened: blocks landed under the title). Returns true when it moved the selection.
 */
export function syncSelectionFromDOM(view: EditorView): boolean {
  const { state } = view
  if (!view.hasFocus() || view.composing || !(state.selection instanceof TextSelection)) return false
  const dom = (view.root as Document).getSelection?.()
  if (!dom || dom.rangeCount === 0) return false
  const anchor = textPosition(view, dom.anchorNode, dom.anchorOffset)
  const head = textPosition(view, dom.focusNode, dom.focusOffset)
  if (anchor === null || head === null) return false
  if (anchor === state.selection.anchor && head === state.selection.head) return false
  view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, anchor, head)))
  return true
}

/**
 * Runs before every other key handler, and on every click, so that keys always apply where
 * the caret is seen.
 */
export const DomSelectionSync = Extension.create({
  name: 'domSelectionSync',
  priority: 10_000,

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('domSelectionSync'),
        props: {
          handleKeyDown: (view) => {
            syncSelectionFromDOM(view)
            return false
          },
          handleDOMEvents: {
            // at once after a click too: a remote change applied before ProseMirror read the
            // click (y-prosemirror restores the selection it knows) put the caret back where it was
            // (not mouseup: a handler there stops the blocks' drag handles from dragging)
            click: (view) => {
              syncSelectionFromDOM(view)
              return false
            },
          },
        },
      }),
    ]
  },
})
