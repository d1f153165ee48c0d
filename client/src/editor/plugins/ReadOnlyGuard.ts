import { Extension } from '@tiptap/core'
import { isChangeOrigin } from '@tiptap/extension-collaboration'
import { Plugin, PluginKey } from '@tiptap/pm/state'

/**
 * While the editor is not editable (a reader, a commenter), drops every transaction
 * that would change the document, except those that bring others' changes from Yjs.
 * A read-only connection's updates are refused by the server: one made anyway (a
 * command run by a script, a plugin appending a fix to a remote change) would stay on
 * this screen and in this device's copy, and be sent again once the person may edit.
 * Selection and decorations still change: reading, selecting and commenting work.
 */
export const ReadOnlyGuard = Extension.create({
  name: 'readOnlyGuard',

  addProseMirrorPlugins() {
    const editor = this.editor
    return [
      new Plugin({
        key: new PluginKey('readOnlyGuard'),
        filterTransaction: (transaction) => editor.isEditable || !transaction.docChanged || isChangeOrigin(transaction),
      }),
    ]
  },
})
