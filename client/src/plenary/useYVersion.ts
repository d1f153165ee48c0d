import { useEffect, useState } from 'react'
import type * as Y from 'yjs'

/**
 * A number that changes after the shared type changes, at most once a frame: the views
 * that read the Y types while rendering render again, and follow the writers' edits.
 */
export function useYVersion(type: Y.AbstractType<unknown> | null): number {
  const [version, setVersion] = useState(0)
  useEffect(() => {
    if (!type) return
    let frame = 0
    const onChange = () => {
      if (frame) return
      frame = requestAnimationFrame(() => {
        frame = 0
        setVersion((v) => v + 1)
      })
    }
    type.observeDeep(onChange)
    setVersion((v) => v + 1)
    return () => {
      type.unobserveDeep(onChange)
      cancelAnimationFrame(frame)
    }
  }, [type])
  return version
}
