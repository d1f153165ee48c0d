import type { Schema } from '@tiptap/pm/model'

/** An empty paragraph, left in place of a block that was the document's only content. */
export function paragraphNode(schema: Schema) {
  return schema.nodes.paragraph!.create()
}
