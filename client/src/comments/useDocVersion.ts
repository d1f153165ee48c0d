import type { Editor } from '@tiptap/core'
import { useEffect, useState } from 'react'

const DELAY = 300

/** A number that grows shortly after the document changes (anyone's edit), to recompute what depends on it. */
export function useDocVersion(editor: Editor | null): number {
  const [version, setVersion] = useState(0)
  useEffect(() => {
    if (!editor) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const changed = () => {
      clearTimeout(timer)
      timer = setTimeout(() => setVersion((v) => v + 1), DELAY)
    }
    editor.on('update', changed)
    return () => {
      clearTimeout(timer)
      editor.off('update', changed)
    }
  }, [editor])
  return version
}
