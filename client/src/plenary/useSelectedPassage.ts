import { useEffect, useState } from 'react'
import { selectedPassage, type SelectedPassage } from './textSelection.js'

/** The passage selected in the live convention, followed as the selection changes (touch or mouse). */
export function useSelectedPassage(): SelectedPassage | null {
  const [passage, setPassage] = useState<SelectedPassage | null>(null)
  useEffect(() => {
    let frame = 0
    const onChange = () => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(() => setPassage(selectedPassage(document.getSelection())))
    }
    document.addEventListener('selectionchange', onChange)
    return () => {
      document.removeEventListener('selectionchange', onChange)
      cancelAnimationFrame(frame)
    }
  }, [])
  return passage
}
