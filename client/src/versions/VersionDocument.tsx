import { conventionToEditorJson, type Convention } from '@ctg/shared'
import { EditorContent, useEditor } from '@tiptap/react'
import { useMemo } from 'react'
import { BlockNumbering } from '../editor/BlockNumbering.js'
import { documentAttributes } from '../editor/documentAttributes.js'
import { clientConventionKit } from '../editor/clientConventionKit.js'

/**
 * A version as the editor shows the convention, blocks and all, read-only: the same
 * extensions and node views as the live editor, on a document of its own (no
 * collaboration), so that a version reads exactly like the text people wrote.
 */
export function VersionDocument({ convention }: { convention: Convention }) {
  const content = useMemo(() => conventionToEditorJson(convention).doc, [convention])
  const editor = useEditor(
    {
      extensions: [clientConventionKit(), BlockNumbering],
      content,
      editable: false,
      shouldRerenderOnTransaction: false,
      editorProps: {
        attributes: documentAttributes(`Version de la convention : ${convention.title}`, { 'aria-readonly': 'true' }),
      },
    },
    [content],
  )
  return (
    <article className="version-document" data-testid="version-content" aria-label={convention.title}>
      <h2 className="version-document__title">{convention.title}</h2>
      <p className="version-document__period">
        Période {convention.period.start} – {convention.period.end}
      </p>
      <EditorContent editor={editor} className="editor-content" />
    </article>
  )
}
