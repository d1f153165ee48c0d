import { Extension } from '@tiptap/core'
import type { Period } from '@ctg/shared'
import { PluginKey } from '@tiptap/pm/state'
import Suggestion from '@tiptap/suggestion'
import { filterInsertions, type Insertion } from './insertions.js'
import { SlashMenu } from './SlashMenu.js'

export interface SlashCommandOptions {
  /** the convention's period, read when a table is inserted */
  getPeriod: () => Period
}

export const slashCommandKey = new PluginKey('slashCommand')

/**
 * Typing "/" in a paragraph or heading of free text opens a menu of what can be inserted,
 * filtered by what follows the slash ("/fiche", "/tableau", "/titre").
 */
export const SlashCommand = Extension.create<SlashCommandOptions>({
  name: 'slashCommand',

  addOptions() {
    const year = new Date().getFullYear()
    return { getPeriod: () => ({ start: year, end: year + 4 }) }
  },

  addProseMirrorPlugins() {
    const { getPeriod } = this.options
    return [
      Suggestion<Insertion, Insertion>({
        editor: this.editor,
        pluginKey: slashCommandKey,
        char: '/',
        allowSpaces: false,
        // inside the page's main landmark, like the document it belongs to
        container: '#main',
        // free text only: blocks go at the top level, and fields keep their shape
        allow: ({ state, range }) => {
          const $from = state.doc.resolve(range.from)
          const textblock = $from.parent.type.name
          return (textblock === 'paragraph' || textblock === 'heading') && $from.node(1).type.spec.group !== 'ctgBlock'
        },
        items: ({ query }) => filterInsertions(query),
        command: ({ editor, range, props: item }) => {
          editor.chain().focus().deleteRange(range).run()
          item.run(editor, getPeriod())
        },
        render: () => {
          let menu: SlashMenu | null = null
          let unmount: (() => void) | null = null
          // the range grows as the query is typed: always run the latest command
          let command: ((item: Insertion) => void) | null = null
          return {
            onStart: (props) => {
              command = props.command
              menu = new SlashMenu((item) => command?.(item))
              menu.update(props.items)
              unmount = props.mount(menu.element)
            },
            onUpdate: (props) => {
              command = props.command
              menu?.update(props.items)
            },
            onKeyDown: ({ event }) => (event.key === 'Escape' ? false : (menu?.onKeyDown(event) ?? false)),
            onExit: () => {
              unmount?.()
              unmount = null
              menu = null
            },
          }
        },
      }),
    ]
  },
})
