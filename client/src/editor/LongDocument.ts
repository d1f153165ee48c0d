import { Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'

/** From this many structured blocks, off-screen blocks skip layout (see `.is-long-document`). */
export const LONG_DOCUMENT_BLOCKS = 12

/**
 * Marks long conventions (dozens of fiches) with `is-long-document` on the editor,
 * whose CSS lets the browser skip the layout of off-screen blocks: typing stays
 * fluid with 80 fiches. Short documents render normally.
 */
export const LongDocument = Extension.create({
  name: 'longDocument',

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('longDocument'),
        props: {
          attributes: (state): Record<string, string> => {
            let blocks = 0
            state.doc.forEach((node) => {
              if (node.type.spec.group === 'ctgBlock') blocks += 1
            })
            return blocks >= LONG_DOCUMENT_BLOCKS ? { class: 'is-long-document' } : {}
          },
        },
      }),
    ]
  },
})
