import { Extension, type Editor } from '@tiptap/core'
import { isStructuredBlock, topLevelAt } from '@ctg/extensions'
import { NodeSelection, Plugin, PluginKey, Selection } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'

/** The block being dragged by its handle, per editor view. */
const dragged = new WeakMap<EditorView, string>()

/**
 * Focuses the editor, with the caret at the start of the block whose handle is pressed,
 * before the press itself does. On focus, ProseMirror puts the browser's selection where its
 * own is (for an editor not focused yet, the top of the document) and the browser scrolls to
 * it: the page jumped under the pointer and the drag never started. Here the caret lands
 * beside the handle, already on screen, and focusing does not scroll.
 */
export function pressBlockHandle(editor: Editor, pos: number): void {
  const { view } = editor
  const node = view.state.doc.nodeAt(pos)
  if (!node || !isStructuredBlock(node) || !view.editable || view.hasFocus()) return
  const inside = Selection.findFrom(view.state.doc.resolve(pos + 1), 1, true)
  if (inside && inside.from < pos + node.nodeSize) view.dispatch(view.state.tr.setSelection(inside))
  view.dom.focus({ preventScroll: true })
}

/** Starts dragging the block at `pos` from its handle: ProseMirror's own drag, as a move. */
export function startBlockDrag(editor: Editor, pos: number, event: DragEvent): void {
  const { view } = editor
  const node = view.state.doc.nodeAt(pos)
  if (!node || !isStructuredBlock(node) || !view.editable) return
  const selection = NodeSelection.create(view.state.doc, pos)
  view.dispatch(view.state.tr.setSelection(selection))
  view.dragging = { slice: selection.content(), move: true }
  dragged.set(view, node.attrs.id as string)
  if (event.dataTransfer) {
    event.dataTransfer.effectAllowed = 'move'
    event.dataTransfer.setData('text/plain', node.textContent.slice(0, 200))
    const image = view.nodeDOM(pos)
    if (image instanceof HTMLElement) event.dataTransfer.setDragImage(image, 24, 24)
  }
}

export function endBlockDrag(editor: Editor): void {
  dragged.delete(editor.view)
}

/**
 * Drops a block dragged by its handle before or after the top-level node under
 * the pointer (whichever half it is over), never inside another node: one
 * transaction that deletes it and inserts it again with its id.
 */
export const BlockDrag = Extension.create({
  name: 'blockDrag',

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('blockDrag'),
        props: {
          handleDrop: (view, event) => {
            const id = dragged.get(view)
            dragged.delete(view)
            if (!id) return false
            const { doc } = view.state
            let from = -1
            doc.forEach((node, offset) => {
              if (node.attrs.id === id && isStructuredBlock(node)) from = offset
            })
            const block = from >= 0 ? doc.nodeAt(from) : null
            const coords = view.posAtCoords({ left: event.clientX, top: event.clientY })
            const target = coords ? topLevelAt(doc, coords.inside >= 0 ? coords.inside : coords.pos) : null
            if (!block || !target) return true
            const targetDom = view.nodeDOM(target.pos)
            const rect = targetDom instanceof HTMLElement ? targetDom.getBoundingClientRect() : null
            const before = rect ? event.clientY < rect.top + rect.height / 2 : true
            const insertAt = before ? target.pos : target.pos + target.node.nodeSize
            if (insertAt === from || insertAt === from + block.nodeSize) return true
            const tr = view.state.tr.delete(from, from + block.nodeSize)
            const at = tr.mapping.map(insertAt)
            tr.insert(at, block)
            tr.setSelection(NodeSelection.create(tr.doc, at))
            view.dispatch(tr.setMeta('uiEvent', 'drop').scrollIntoView())
            return true
          },
        },
      }),
    ]
  },
})
