import {
  conventionModel as exportSchema,
  validateEditorJson,
  yDocToConvention,
  yDocToEditorJson,
  type SchemaIssue,
} from '@ctg/shared'
import { editorSchema } from '@ctg/extensions'
import type * as Y from 'yjs'

/**
 * Checks a stored document against the schema, both as an editor document (node
 * types, content expressions, attribute values) and as a structured export (ids,
 * years, cell values). It reports; it never changes the document.
 */
export function checkConvention(ydoc: Y.Doc): SchemaIssue[] {
  const issues = validateEditorJson(editorSchema, yDocToEditorJson(ydoc))
  if (issues.length > 0) return issues
  try {
    const parsed = exportSchema.safeParse(yDocToConvention(ydoc))
    if (!parsed.success) {
      return parsed.error.issues.map((i) => ({ path: ['export', ...i.path].join('.'), message: i.message }))
    }
  } catch (error) {
    return [{ path: 'export', message: (error as Error).message }]
  }
  return []
}
