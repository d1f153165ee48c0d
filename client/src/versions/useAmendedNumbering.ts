import type { Editor } from '@tiptap/core'
import { useEffect } from 'react'
import { withAmendedNumbers } from '../editor/BlockNumbering.js'
import { versionsApi } from './versionsApi.js'

/**
 * In an avenant, the editor numbers fiches and key actions as the text it amends (a new key
 * action after 3.11 is 3.12, as the export numbers it). Without an answer (offline), it
 * numbers in document order until the page is opened again.
 */
export function useAmendedNumbering(editor: Editor | null, conventionId: string): void {
  useEffect(() => {
    if (!editor) return
    let cancelled = false
    versionsApi.numbering(conventionId).then(
      ({ amends, fiches, keyActions }) => {
        if (!cancelled && amends && !editor.isDestroyed)
          editor.view.dispatch(withAmendedNumbers(editor.state.tr, { fiches, keyActions }))
      },
      () => undefined,
    )
    return () => {
      cancelled = true
    }
  }, [editor, conventionId])
}
