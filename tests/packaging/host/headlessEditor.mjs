// Run by packages.test.ts with plain Node in a project that installed the packed tarballs.
import { Editor } from '@tiptap/core'
import { ConventionKit, editorSchema, positionsOfType } from '@ctg/extensions'
import { validateEditorJson } from '@ctg/shared'

const editor = new Editor({
  extensions: [ConventionKit],
  content: { type: 'doc', content: [{ type: 'paragraph' }] },
})
const period = { start: 2026, end: 2029 }
const done = {
  ficheAction: editor.commands.insertFicheAction({ period }),
  keyAction: editor.commands.addKeyAction(positionsOfType(editor.state.doc, 'ficheAction')[0]),
  indicatorTable: editor.commands.insertIndicatorTable({ period }),
  signatoryBlock: editor.commands.insertSignatoryBlock(),
}
const doc = editor.state.doc
const count = (type) => positionsOfType(doc, type).length
console.log(
  JSON.stringify({
    done,
    counts: Object.fromEntries(
      ['ficheAction', 'keyAction', 'indicatorTable', 'signatoryBlock'].map((t) => [t, count(t)]),
    ),
    issues: validateEditorJson(editorSchema, editor.getJSON()),
  }),
)
editor.destroy()
