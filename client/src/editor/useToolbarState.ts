import type { Editor } from '@tiptap/core'
import { useEffect, useState } from 'react'

export interface ToolbarState {
  paragraph: boolean
  h1: boolean
  h2: boolean
  h3: boolean
  bold: boolean
  italic: boolean
  underline: boolean
  strike: boolean
  link: boolean
  bulletList: boolean
  orderedList: boolean
  canParagraph: boolean
  canHeading: boolean
  canMark: boolean
  canLink: boolean
  canList: boolean
  canUndo: boolean
  canRedo: boolean
  editable: boolean
}

function readState(editor: Editor): ToolbarState {
  // one dry-run command set for every check: building it is the costly part
  const can = editor.can()
  const paragraph = editor.isActive('paragraph')
  return {
    paragraph,
    h1: editor.isActive('heading', { level: 1 }),
    h2: editor.isActive('heading', { level: 2 }),
    h3: editor.isActive('heading', { level: 3 }),
    bold: editor.isActive('bold'),
    italic: editor.isActive('italic'),
    underline: editor.isActive('underline'),
    strike: editor.isActive('strike'),
    link: editor.isActive('link'),
    bulletList: editor.isActive('bulletList'),
    orderedList: editor.isActive('orderedList'),
    canParagraph: paragraph || can.setParagraph(),
    canHeading: can.toggleHeading({ level: 1 }),
    canMark: can.toggleBold(),
    // single-line fields (titles, cells, names) allow no formatting, links included
    canLink: can.setLink({ href: 'https://example.org' }),
    canList: can.toggleBulletList(),
    canUndo: can.undo(),
    canRedo: can.redo(),
    editable: editor.isEditable,
  }
}

const same = (a: ToolbarState, b: ToolbarState) =>
  (Object.keys(a) as (keyof ToolbarState)[]).every((key) => a[key] === b[key])

/**
 * The toolbar's active and enabled states, read shortly after the last change
 * rather than on every keystroke: typing in a long convention stays fluid.
 */
export function useToolbarState(editor: Editor, delay = 80): ToolbarState {
  const [state, setState] = useState(() => readState(editor))
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const refresh = () => {
      timer = undefined
      if (editor.isDestroyed) return
      const next = readState(editor)
      setState((current) => (same(current, next) ? current : next))
    }
    const schedule = () => {
      clearTimeout(timer)
      timer = setTimeout(refresh, delay)
    }
    editor.on('transaction', schedule)
    editor.on('focus', schedule)
    refresh()
    return () => {
      clearTimeout(timer)
      editor.off('transaction', schedule)
      editor.off('focus', schedule)
    }
  }, [editor, delay])
  return state
}
