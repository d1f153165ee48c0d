import { attributeProblem } from '../rules/attributeRules.js'
import { conventionNodes, type ConventionNodeName } from '../schema/conventionNodes.js'
import type { AttributeSpec } from '../schema/nodeSpec.js'

/** A ProseMirror / Tiptap document node as JSON (`editor.getJSON()`). */
export interface EditorNode {
  type: string
  attrs?: Record<string, unknown>
  content?: EditorNode[]
  text?: string
  marks?: { type: string; attrs?: Record<string, unknown> }[]
}

/**
 * Reads an attribute, falling back to the schema's default: documents read back from Yjs
 * omit attributes whose value is null. A value its declaration refuses (a year outside the
 * bounds, a date that is not one, stored before the server checked them) reads as the
 * default too, so that every document exports to a valid convention.
 */
export function attrOf<T = unknown>(node: EditorNode, name: string): T {
  const value = node.attrs?.[name]
  const spec = (conventionNodes as Record<string, { attrs: Record<string, AttributeSpec> }>)[node.type]?.attrs[name]
  if (value === undefined || (spec && value !== null && attributeProblem(spec, value)))
    return (spec?.default ?? null) as T
  return value as T
}

export function childOf(node: EditorNode, type: ConventionNodeName): EditorNode {
  const child = node.content?.find((c) => c.type === type)
  return child ?? { type }
}

export function childrenOf(node: EditorNode, type: ConventionNodeName): EditorNode[] {
  return (node.content ?? []).filter((c) => c.type === type)
}

/** The text of an inline container; hard breaks become "\n". */
export function inlineText(node: EditorNode): string {
  let out = ''
  for (const child of node.content ?? []) {
    if (child.type === 'text') out += child.text ?? ''
    else if (child.type === 'hardBreak') out += '\n'
    else out += inlineText(child)
  }
  return out
}

/** Inline content for a text: no node for an empty string (ProseMirror forbids empty text nodes). */
export function textContent(text: string, allowHardBreaks = false): EditorNode[] | undefined {
  if (text === '') return undefined
  if (!allowHardBreaks) return [{ type: 'text', text: text.replace(/\n/g, ' ') }]
  const content: EditorNode[] = []
  text.split('\n').forEach((line, i) => {
    if (i > 0) content.push({ type: 'hardBreak' })
    if (line !== '') content.push({ type: 'text', text: line })
  })
  return content.length ? content : undefined
}

/** Paragraphs for a plain text, one per piece between blank lines. */
export function paragraphNodes(text: string): EditorNode[] {
  return text.split('\n\n').map((p) => ({ type: 'paragraph', content: textContent(p, true) }))
}

/** A node with the given children, omitting `content` when empty (as ProseMirror does). */
export function node(type: string, attrs: Record<string, unknown> | undefined, content?: EditorNode[]): EditorNode {
  const out: EditorNode = { type }
  if (attrs) out.attrs = attrs
  if (content && content.length) out.content = content
  return out
}

export function lineNode(type: ConventionNodeName, text: string): EditorNode {
  return node(type, undefined, textContent(text))
}
