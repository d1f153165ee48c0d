import { Extension } from '@tiptap/core'
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state'

/**
 * A click in the empty space below the last block continues the document: the
 * caret goes to a paragraph at the end, created if needed. It is created on
 * demand rather than kept as a trailing node, which every participant's editor
 * would otherwise add at once.
 */
export const ClickBelowContent = Extension.create({
  name: 'clickBelowContent',

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('clickBelowContent'),
        props: {
          handleDOMEvents: {
            mousedown: (view, event) => {
              if (event.target !== view.dom || !view.editable) return false
              const last = view.dom.lastElementChild
              if (!last || event.clientY <= last.getBoundingClientRect().bottom) return false
              const { state } = view
              const end = state.doc.content.size
              const lastNode = state.doc.lastChild
              const tr = state.tr
              if (lastNode?.type.name === 'paragraph' && lastNode.content.size === 0) {
                tr.setSelection(TextSelection.create(tr.doc, end - 1))
              } else {
                tr.insert(end, state.schema.nodes.paragraph!.create())
                tr.setSelection(TextSelection.create(tr.doc, end + 1))
              }
              view.dispatch(tr.scrollIntoView())
              view.focus()
              event.preventDefault()
              return true
            },
          },
        },
      }),
    ]
  },
})
