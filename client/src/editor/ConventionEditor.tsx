import type { Editor } from '@tiptap/core'
import type { Period } from '@ctg/shared'
import { EditorContent, useEditor } from '@tiptap/react'
import { useEffect, useMemo } from 'react'
import type { Collaboration } from './useCollaboration.js'
import { documentAttributes } from './documentAttributes.js'
import { editorExtensions, type CollaboratorUser } from './editorExtensions.js'
import { useAmendedNumbering } from '../versions/useAmendedNumbering.js'

interface ConventionEditorProps {
  conventionId: string
  collab: Collaboration
  user: CollaboratorUser
  getPeriod: () => Period
  onEditor: (editor: Editor | null) => void
}

/** The shared document. Mounted only once it has content (the server's or this device's copy), so it never seeds any. */
export function ConventionEditor({ conventionId, collab, user, getPeriod, onEditor }: ConventionEditorProps) {
  const { provider, readOnly } = collab
  // built once per document: the editor is recreated only when the extensions change
  const extensions = useMemo(() => editorExtensions({ provider, user, getPeriod }), [provider, user, getPeriod])

  const editor = useEditor(
    {
      extensions,
      editable: !readOnly,
      shouldRerenderOnTransaction: false,
      editorProps: { attributes: documentAttributes('Contenu de la convention', { spellcheck: 'true' }) },
    },
    [extensions],
  )

  useAmendedNumbering(editor, conventionId)

  useEffect(() => {
    onEditor(editor)
    return () => onEditor(null)
  }, [editor, onEditor])

  useEffect(() => {
    if (editor && editor.isEditable === readOnly) editor.setEditable(!readOnly)
  }, [editor, readOnly])

  return <EditorContent editor={editor} className="editor-content" data-testid="editor" />
}
