import type { ReactNode } from 'react'
import type * as Y from 'yjs'
import { registerText, TEXT_ATTRIBUTE } from './textSelection.js'

type Op = { insert: unknown; attributes?: Record<string, unknown> }

/**
 * One Y.XmlText as a span holding exactly its characters (formatting as elements around
 * them), so that a selection inside it counts the same characters as the document.
 */
export function YTextView({ text }: { text: Y.XmlText }) {
  const ops = text.toDelta() as Op[]
  return (
    <span {...{ [TEXT_ATTRIBUTE]: '' }} ref={(element) => registerText(element, text)}>
      {ops.map((op, i) => {
        if (typeof op.insert !== 'string') return null
        let content: ReactNode = op.insert
        const a = op.attributes ?? {}
        if (a.bold) content = <strong>{content}</strong>
        if (a.italic) content = <em>{content}</em>
        if (a.underline) content = <u>{content}</u>
        if (a.strike) content = <s>{content}</s>
        if (a.comment) content = <span className="live-doc__commented">{content}</span>
        return <span key={i}>{content}</span>
      })}
    </span>
  )
}
