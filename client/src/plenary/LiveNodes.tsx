import type { ReactNode } from 'react'
import * as Y from 'yjs'
import { childElements, childrenOf, plainText } from './yContent.js'
import { YTextView } from './YTextView.js'

/** React keys for Y types, which have no id of their own. */
const keys = new WeakMap<object, number>()
let nextKey = 1
export function keyOf(type: object): number {
  let key = keys.get(type)
  if (key === undefined) keys.set(type, (key = nextKey++))
  return key
}

/** The inline content of a paragraph, a heading or a one-line field. */
export function Inline({ node }: { node: Y.XmlElement }) {
  return (
    <>
      {childrenOf(node).map((child) =>
        child instanceof Y.XmlText ? (
          <YTextView key={keyOf(child)} text={child} />
        ) : child.nodeName === 'hardBreak' ? (
          <br key={keyOf(child)} />
        ) : null,
      )}
    </>
  )
}

/** A field of the schema: its label, then its text (one line, paragraphs or a list of items); nothing when empty. */
export function FieldView({ label, node }: { label: string; node: Y.XmlElement | null }) {
  if (!node || !plainText(node).trim()) return null
  const children = childrenOf(node)
  const items = childElements(node, 'ficheListItem')
  let body: ReactNode
  if (items.length > 0)
    body = (
      <ul className="live-field__list">
        {items
          .filter((item) => plainText(item).trim())
          .map((item) => (
            <li key={keyOf(item)}>
              <Inline node={item} />
            </li>
          ))}
      </ul>
    )
  else if (children.every((c) => c instanceof Y.XmlText))
    body = (
      <p>
        <Inline node={node} />
      </p>
    )
  else
    body = children.map((child) =>
      child instanceof Y.XmlElement ? <FreeNode key={keyOf(child)} node={child} /> : null,
    )
  return (
    <div className="live-field">
      <p className="live-field__label">{label}</p>
      <div className="live-field__body">{body}</div>
    </div>
  )
}

/** Free text and lists, as in the editor; the page's title is the h1, so headings go one level down. */
export function FreeNode({ node, level }: { node: Y.XmlElement; level?: number }) {
  switch (node.nodeName) {
    case 'paragraph':
      return plainText(node).trim() ? (
        <p>
          <Inline node={node} />
        </p>
      ) : null
    case 'heading': {
      const Tag = `h${Math.min(6, Math.max(2, level ?? headingLevel(node)))}` as 'h2'
      return (
        <Tag className="live-doc__heading">
          <Inline node={node} />
        </Tag>
      )
    }
    case 'bulletList':
    case 'orderedList': {
      const List = node.nodeName === 'bulletList' ? 'ul' : 'ol'
      return (
        <List>
          {childElements(node, 'listItem').map((item) => (
            <li key={keyOf(item)}>
              {childrenOf(item).map((c) => (c instanceof Y.XmlElement ? <FreeNode key={keyOf(c)} node={c} /> : null))}
            </li>
          ))}
        </List>
      )
    }
    default:
      return null
  }
}

/** A document heading's level in the page, whose h1 is the convention's title. */
export function headingLevel(node: Y.XmlElement): number {
  return Math.min(6, Math.max(2, Number(node.getAttribute('level') ?? 1) + 1))
}
