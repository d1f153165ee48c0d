import { TITLE_MAX_LENGTH, writeMeta } from '@ctg/shared'
import { useEffect, useRef, useState } from 'react'
import type * as Y from 'yjs'

/**
 * The convention's title, edited in place and shared through the Y.Doc's "meta" map.
 * While the field has the focus it keeps what is typed; others' changes appear on blur.
 */
export function ConventionTitleInput({ ydoc, title, readOnly }: { ydoc: Y.Doc; title: string; readOnly: boolean }) {
  const [value, setValue] = useState(title)
  const focused = useRef(false)

  useEffect(() => {
    if (!focused.current) setValue(title)
  }, [title])

  return (
    <input
      className="title-input"
      value={value}
      readOnly={readOnly}
      aria-label="Titre de la convention"
      data-testid="convention-title"
      maxLength={TITLE_MAX_LENGTH}
      placeholder="Titre de la convention"
      onFocus={() => (focused.current = true)}
      onChange={(e) => {
        // a read-only field changed by a script: the document keeps its title
        if (readOnly) return setValue(title)
        setValue(e.target.value)
        // an empty title is not a title: keep the last one until something is typed
        if (e.target.value.trim()) writeMeta(ydoc, { title: e.target.value.trim() })
      }}
      onBlur={() => {
        focused.current = false
        if (!value.trim()) setValue(title)
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === 'Escape') e.currentTarget.blur()
      }}
    />
  )
}
