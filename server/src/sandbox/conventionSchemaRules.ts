import { conventionSchema } from '@ctg/extensions'
import { Y_FRAGMENT_NAME, Y_META_NAME } from '@ctg/shared'
import type { SchemaRules } from './sandboxWorker.js'

/** What a convention's Y.Doc may hold: the editor schema's names, the fragment and the metadata map. */
export function conventionSchemaRules(): SchemaRules {
  const { nodes, marks, topNodeType } = conventionSchema
  return {
    nodes: Object.keys(nodes).filter((name) => name !== 'text' && name !== topNodeType.name),
    marks: Object.keys(marks),
    roots: [Y_FRAGMENT_NAME, Y_META_NAME],
    metadata: Y_META_NAME,
  }
}
