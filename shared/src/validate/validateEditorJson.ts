import type { Node as PMNode, Schema } from '@tiptap/pm/model'
import type { EditorNode } from '../convert/editorJson.js'
import { conventionNodes } from '../schema/conventionNodes.js'
import type { AttributeSpec } from '../schema/nodeSpec.js'
import { attributeProblem } from '../rules/attributeRules.js'
import { periodProblem } from '../rules/yearRules.js'

export interface SchemaIssue {
  /** where, as node types from the root: "doc > ficheAction[2] > ficheKeyActions" */
  path: string
  message: string
}

const specs = conventionNodes as Record<
  string,
  { attrs: Record<string, AttributeSpec>; period?: { start: string; end: string } }
>

/** Attribute values against their declaration and the rules (years, dates, ids, periods), and ids present and unique. */
function checkAttrs(node: PMNode, path: string, issues: SchemaIssue[], ids: Map<string, string>): void {
  const spec = specs[node.type.name]
  if (!spec) return
  for (const [name, attr] of Object.entries(spec.attrs)) {
    const value = node.attrs[name]
    if (value === null || value === undefined) continue
    const problem = attributeProblem(attr, value)
    if (problem) issues.push({ path, message: `attribute "${name}" ${problem}, got ${JSON.stringify(value)}` })
  }
  if (spec.period) {
    const [start, end] = [node.attrs[spec.period.start], node.attrs[spec.period.end]]
    const problem = start !== null && end !== null ? periodProblem(start, end) : null
    if (problem) issues.push({ path, message: `period ${start}–${end}: ${problem}` })
  }
  if ('id' in spec.attrs) {
    const id = node.attrs.id as string | null
    if (id === null) issues.push({ path, message: 'missing id' })
    else if (ids.has(id)) issues.push({ path, message: `duplicate id "${id}" (also at ${ids.get(id)})` })
    else ids.set(id, path)
  }
}

function walk(node: PMNode, path: string, issues: SchemaIssue[], ids = new Map<string, string>()): void {
  if (!node.type.validContent(node.content)) {
    const found = [] as string[]
    node.content.forEach((c) => found.push(c.type.name))
    issues.push({
      path,
      message: `content [${found.join(', ')}] does not match "${node.type.spec.content ?? ''}"`,
    })
  }
  checkAttrs(node, path, issues, ids)
  const counts = new Map<string, number>()
  node.content.forEach((child) => {
    if (child.isText) return
    const i = counts.get(child.type.name) ?? 0
    counts.set(child.type.name, i + 1)
    walk(child, `${path} > ${child.type.name}[${i}]`, issues, ids)
  })
}

/**
 * Checks a document against the schema and lists every problem found; it never
 * changes the document. Unknown node or mark types are reported as one issue,
 * since ProseMirror cannot build such a document at all.
 */
export function validateEditorJson(schema: Schema, json: EditorNode): SchemaIssue[] {
  let doc: PMNode
  try {
    doc = schema.nodeFromJSON(json)
  } catch (error) {
    return [{ path: 'doc', message: (error as Error).message }]
  }
  const issues: SchemaIssue[] = []
  walk(doc, 'doc', issues)
  return issues
}
