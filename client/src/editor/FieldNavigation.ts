import { Extension, type Editor } from '@tiptap/core'
import { conventionNodes } from '@ctg/shared'
import { Selection, TextSelection } from '@tiptap/pm/state'

/** Single-line fields: their content is plain text, so Enter has nothing to split. */
const LINE_FIELDS = new Set(
  Object.entries(conventionNodes)
    .filter(([, spec]) => spec.role === 'field' && spec.content === 'text*')
    .map(([name]) => name),
)

/** Moves the caret to the next text field, or to a new paragraph after the last block. */
function moveToNextField(editor: Editor): boolean {
  const { state, view } = editor
  const { $from } = state.selection
  const next = Selection.findFrom(state.doc.resolve($from.after()), 1, true)
  if (next) {
    view.dispatch(state.tr.setSelection(next).scrollIntoView())
    return true
  }
  // the last field of the document's last block: continue in a paragraph below it
  const end = state.doc.content.size
  const tr = state.tr.insert(end, state.schema.nodes.paragraph!.create())
  view.dispatch(tr.setSelection(TextSelection.create(tr.doc, end + 1)).scrollIntoView())
  return true
}

/**
 * Splits a partners or indicators item at the caret into two items. The default
 * splitBlock refuses: every field node is isolating, so that fields never merge.
 */
function splitListItem(editor: Editor): boolean {
  const { state, view } = editor
  const { $from } = state.selection
  const item = $from.parent
  const rest = item.content.cut($from.parentOffset)
  const tr = state.tr.delete($from.pos, $from.end())
  const at = tr.mapping.map($from.after())
  tr.insert(at, item.type.create(null, rest))
  view.dispatch(tr.setSelection(TextSelection.create(tr.doc, at + 1)).scrollIntoView())
  return true
}

/**
 * Keyboard behaviour inside the structured blocks, where the schema keeps every
 * field in place: Enter in a single-line field moves on to the next field (in a
 * partners or indicators list it starts a new item), Backspace in an empty list
 * item removes it.
 */
export const FieldNavigation = Extension.create({
  name: 'fieldNavigation',
  // before the default Enter and Backspace handling
  priority: 1000,

  addKeyboardShortcuts() {
    return {
      Enter: ({ editor }) => {
        const { $from, empty } = editor.state.selection
        const name = $from.parent.type.name
        if (!empty || !LINE_FIELDS.has(name)) return false
        // a non-empty list item splits into a new item; an empty one moves on
        if (name === 'ficheListItem' && $from.parent.content.size > 0) return splitListItem(editor)
        return moveToNextField(editor)
      },
      Backspace: ({ editor }) => {
        const { $from, empty } = editor.state.selection
        if (!empty || $from.parent.type.name !== 'ficheListItem' || $from.parent.content.size > 0) return false
        const itemPos = $from.before()
        const { state, view } = editor
        const tr = state.tr.delete(itemPos, itemPos + $from.parent.nodeSize)
        const previous = Selection.findFrom(tr.doc.resolve(Math.min(itemPos, tr.doc.content.size)), -1, true)
        if (previous) tr.setSelection(previous)
        view.dispatch(tr.scrollIntoView())
        return true
      },
    }
  },
})
