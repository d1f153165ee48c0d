import type { Node as PMNode, Schema } from '@tiptap/pm/model'
import type { EditorNode } from '../convert/editorJson.js'
import { conventionNodes } from '../schema/conventionNodes.js'
import type { AttributeSpec } from '../schema/nodeSpec.js'

export interface SchemaIssue {
  /** where, as node types from the root: "doc > ficheAction[2] > ficheKeyActions" */
  path: string
  message: string
}

const specs = conventionNodes as Record<string, { attrs: Record<string, AttributeSpec> }>

function checkAttrs(node: PMNode, path: string, issues: SchemaIssue[]): void {
  const spec = specs[node.type.name]
  if (!spec) return
  for (const [name, attr] of Object.entries(spec.attrs)) {
    const value = node.attrs[name]
    if (value === null || value === undefined) continue
    if (typeof value !== attr.type) {
      issues.push({ path, message: `attribute "${name}" must be a ${attr.type}, got ${JSON.stringify(value)}` })
    } else if (attr.values && !attr.values.includes(value as string)) {
      issues.push({
        path,
        message: `attribute "${name}" has value ${JSON.stringify(value)}, not one of ${attr.values.join(', ')}`,
      })
    }
  }
}

function walk(node: PMNode, path: string, issues: SchemaIssue[]): void {
  if (!node.type.validContent(node.content)) {
    const found = [] as string[]
    node.content.forEach((c) => found.push(c.type.name))
    issues.push({
      path,
      message: `content [${found.join(', ')}] does not match "${node.type.spec.content ?? ''}"`,
    })
  }
  checkAttrs(node, path, issues)
  const counts = new Map<string, number>()
  node.content.forEach((child) => {
    if (child.isText) return
    const i = counts.get(child.type.name) ?? 0
    counts.set(child.type.name, i + 1)
    walk(child, `${path} > ${child.type.name}[${i}]`, issues)
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
