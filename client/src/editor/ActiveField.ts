import { Extension } from '@tiptap/core'
import { conventionNodes } from '@ctg/shared'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'

const FIELD_NAMES = new Set(
  Object.entries(conventionNodes)
    .filter(([, spec]) => spec.role === 'field')
    .map(([name]) => name),
)

export const activeFieldKey = new PluginKey('activeField')

/**
 * Marks the field that holds the caret (`.has-caret`), the way a form highlights
 * its focused input: inside a block, the caret alone is too easy to lose.
 */
export const ActiveField = Extension.create({
  name: 'activeField',

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: activeFieldKey,
        props: {
          decorations: ({ doc, selection }) => {
            const { $head } = selection
            for (let depth = $head.depth; depth > 0; depth--) {
              const node = $head.node(depth)
              if (FIELD_NAMES.has(node.type.name)) {
                const pos = $head.before(depth)
                return DecorationSet.create(doc, [Decoration.node(pos, pos + node.nodeSize, { class: 'has-caret' })])
              }
            }
            return DecorationSet.empty
          },
        },
      }),
    ]
  },
})
