import { editorSchema as pmSchema, positionsOfType, uniqueBlockIdsPlugin } from '@ctg/extensions'
import { conventionToEditorJson } from '@ctg/shared'
import { EditorState } from '@tiptap/pm/state'
import { describe, expect, it } from 'vitest'
import { smallConvention } from '../fixtures/conventionFixtures.js'

function ids(state: EditorState, type: string): string[] {
  return positionsOfType(state.doc, type).map((pos) => state.doc.nodeAt(pos)!.attrs.id as string)
}

describe('UniqueBlockIds', () => {
  const doc = pmSchema.nodeFromJSON(conventionToEditorJson(smallConvention()).doc)
  const state = EditorState.create({ schema: pmSchema, doc, plugins: [uniqueBlockIdsPlugin()] })

  it('gives a pasted copy of a fiche new ids for the fiche and its key actions', () => {
    const pos = positionsOfType(state.doc, 'ficheAction')[0]!
    const fiche = state.doc.nodeAt(pos)!
    const { state: next } = state.applyTransaction(state.tr.insert(pos + fiche.nodeSize, fiche))
    const fiches = ids(next, 'ficheAction')
    expect(fiches).toHaveLength(2)
    expect(fiches[0]).toBe(fiche.attrs.id)
    expect(new Set(fiches).size).toBe(2)
    const actions = ids(next, 'keyAction')
    expect(new Set(actions).size).toBe(actions.length)
  })

  it('leaves typing alone', () => {
    const pos = positionsOfType(state.doc, 'ficheTitle')[0]!
    const result = state.applyTransaction(state.tr.insertText('abc', pos + 1))
    expect(result.transactions).toHaveLength(1)
  })
})
