import type { Editor } from '@tiptap/core'
import { useEffect, useState } from 'react'
import { LineIcon } from '../ui/LineIcon.js'

const COMMENT_ICON = 'M4 5h16v11H9l-5 4zM8 9h8M8 12h5'

interface Place {
  top: number
  left: number
}

/** Where the button goes: just under the end of the selection in the document, inside the window. */
function placeFor(editor: Editor): Place | null {
  if (editor.isDestroyed) return null
  const selection = window.getSelection()
  const root = editor.view.dom
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null
  if (!root.contains(selection.anchorNode) || !root.contains(selection.focusNode)) return null
  const rects = selection.getRangeAt(0).getClientRects()
  const last = rects[rects.length - 1]
  if (!last) return null
  const width = 150
  return {
    top: Math.min(last.bottom + 8, window.innerHeight - 56),
    left: Math.max(8, Math.min(last.right - width / 2, window.innerWidth - width - 8)),
  }
}

/**
 * "Commenter" beside a text selection, also on a read-only connection (a commentateur
 * selects text without being able to change it). The keyboard way is Ctrl+Alt+M.
 */
export function SelectionCommentButton({ editor, onComment }: { editor: Editor; onComment: () => void }) {
  const [place, setPlace] = useState<Place | null>(null)

  useEffect(() => {
    const update = () => setPlace(placeFor(editor))
    editor.on('selectionUpdate', update)
    editor.on('blur', update)
    editor.on('focus', update)
    window.addEventListener('scroll', update, true)
    window.addEventListener('resize', update)
    // a read-only editor does not always report its selection at once: follow the page's
    document.addEventListener('selectionchange', update)
    return () => {
      editor.off('selectionUpdate', update)
      editor.off('blur', update)
      editor.off('focus', update)
      window.removeEventListener('scroll', update, true)
      window.removeEventListener('resize', update)
      document.removeEventListener('selectionchange', update)
    }
  }, [editor])

  if (!place) return null
  return (
    <button
      type="button"
      className="selection-comment"
      style={{ top: place.top, left: place.left }}
      // keep the selection: it is what the comment is about
      onMouseDown={(event) => event.preventDefault()}
      onClick={onComment}
      title="Commenter la sélection (Ctrl+Alt+M)"
      data-testid="comment-selection"
    >
      <LineIcon d={COMMENT_ICON} size={18} />
      Commenter
    </button>
  )
}
