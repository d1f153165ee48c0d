import { readMeta, Y_META_NAME, type ConventionMeta } from '@ctg/shared'
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'

/** The convention's title and period, kept current as anyone edits them. */
export function useConventionMeta(ydoc: Y.Doc | null): ConventionMeta | null {
  const [meta, setMeta] = useState<ConventionMeta | null>(() => (ydoc ? readMeta(ydoc) : null))
  useEffect(() => {
    if (!ydoc) return
    const map = ydoc.getMap(Y_META_NAME)
    const refresh = () => setMeta(readMeta(ydoc))
    refresh()
    map.observe(refresh)
    return () => map.unobserve(refresh)
  }, [ydoc])
  return meta
}
