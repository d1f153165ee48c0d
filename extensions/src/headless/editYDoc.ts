import type { Schema } from '@tiptap/pm/model'
import { EditorState, type Transaction } from '@tiptap/pm/state'
import { initProseMirrorDoc, updateYFragment } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'
import { Y_FRAGMENT_NAME } from '@ctg/shared'

/**
 * Runs an editor transform on a Y.Doc without a view: reads the fragment as a
 * ProseMirror document, applies `edit` to a transaction, and writes the result back
 * with y-prosemirror's `updateYFragment`, the same diff the editor binding uses.
 * Used by the server (templates, repairs) and by tests that act as headless clients.
 */
export function editYDoc(
  ydoc: Y.Doc,
  schema: Schema,
  edit: (tr: Transaction) => boolean | void,
  origin?: unknown,
): boolean {
  const fragment = ydoc.getXmlFragment(Y_FRAGMENT_NAME)
  const { doc, meta } = initProseMirrorDoc(fragment, schema)
  const tr = EditorState.create({ doc, schema }).tr
  if (edit(tr) === false || !tr.docChanged) return false
  ydoc.transact(() => updateYFragment(ydoc, fragment, tr.doc, meta), origin)
  return true
}
