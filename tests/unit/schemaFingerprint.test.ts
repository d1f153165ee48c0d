import { EDITOR_SCHEMA_FINGERPRINT, editorSchema, schemaFingerprint } from '@ctg/extensions'
import { Schema } from '@tiptap/pm/model'
import { describe, expect, it } from 'vitest'

describe('the editor schema fingerprint', () => {
  it('is the same for the same schema, and changes when a field accepts other content', () => {
    expect(EDITOR_SCHEMA_FINGERPRINT).toMatch(/^[0-9a-f]{8}$/)
    expect(schemaFingerprint(new Schema(editorSchema.spec))).toBe(EDITOR_SCHEMA_FINGERPRINT)
    // the schema before lists were allowed in a fiche's objective
    const older = new Schema({
      ...editorSchema.spec,
      nodes: editorSchema.spec.nodes.update('ficheObjective', {
        ...editorSchema.spec.nodes.get('ficheObjective')!,
        content: 'paragraph*',
      }),
    })
    expect(schemaFingerprint(older)).not.toBe(EDITOR_SCHEMA_FINGERPRINT)
  })
})
