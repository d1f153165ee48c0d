import type { Schema } from '@tiptap/pm/model'
import { editorSchema } from './editorSchema.js'

/** FNV-1a (32 bits): short, stable, and enough to tell two schemas apart. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(16).padStart(8, '0')
}

/**
 * What a schema accepts, as a short digest: its nodes with their content expressions,
 * groups, allowed marks and attributes, and its marks. An editor whose schema differs from
 * the server's must not edit the shared document: y-prosemirror deletes what its schema
 * cannot build (a list in a field an older page does not allow would take the fiche with it).
 */
export function schemaFingerprint(schema: Schema): string {
  const nodes = Object.values(schema.nodes).map((type) => [
    type.name,
    type.spec.content ?? '',
    type.spec.group ?? '',
    type.spec.marks ?? null,
    Object.keys(type.spec.attrs ?? {}).sort(),
  ])
  const marks = Object.values(schema.marks).map((type) => [type.name, Object.keys(type.spec.attrs ?? {}).sort()])
  return fnv1a(JSON.stringify({ nodes, marks }))
}

/** The fingerprint of the convention's schema in this build (server and web client compare theirs). */
export const EDITOR_SCHEMA_FINGERPRINT = schemaFingerprint(editorSchema)
