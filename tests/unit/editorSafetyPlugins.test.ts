import { CONFIRMED_BLOCK_REMOVAL, editorSchema as pmSchema, positionsOfType } from '@ctg/extensions'
import { conventionToEditorJson } from '@ctg/shared'
import { AllSelection, EditorState, NodeSelection, TextSelection } from '@tiptap/pm/state'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import { blockRemovalGuardPlugin, selectionScopePlugin, selectScope } from '@ctg/client'
import { annexConvention } from '../fixtures/annexConvention.js'

const doc = pmSchema.nodeFromJSON(conventionToEditorJson(annexConvention()).doc)

describe('BlockRemovalGuard', () => {
  const questions: string[] = []
  let answer = false
  const state = EditorState.create({
    schema: pmSchema,
    doc,
    plugins: [
      blockRemovalGuardPlugin((question) => {
        questions.push(question)
        return answer
      }),
    ],
  })
  const fiche = positionsOfType(doc, 'ficheAction')[0]!
  const removeFiche = () => state.tr.delete(fiche, fiche + doc.nodeAt(fiche)!.nodeSize)

  it('asks before a local change removes a non-empty block; a cancel leaves the document as it was', () => {
    const result = state.applyTransaction(removeFiche())
    expect(result.state).toBe(state)
    expect(questions).toHaveLength(1)
    expect(questions[0]).toContain('la fiche action n°1 « Ouvrir un relais petite enfance »')
    answer = true
    expect(state.applyTransaction(removeFiche()).state.doc.childCount).toBe(doc.childCount - 1)
    expect(questions).toHaveLength(2)
  })

  it('never asks for remote (Yjs) changes, nor for the confirmed delete, nor for typing', () => {
    answer = false
    questions.length = 0
    expect(state.applyTransaction(removeFiche().setMeta(ySyncPluginKey, {})).state.doc.childCount).toBe(
      doc.childCount - 1,
    )
    expect(state.applyTransaction(removeFiche().setMeta(CONFIRMED_BLOCK_REMOVAL, true)).state.doc.childCount).toBe(
      doc.childCount - 1,
    )
    const title = positionsOfType(doc, 'ficheTitle')[0]!
    expect(state.applyTransaction(state.tr.insertText('x', title + 1)).state).not.toBe(state)
    expect(questions).toEqual([])
  })
})

describe('Ctrl+A steps', () => {
  const start = (pos: number) =>
    EditorState.create({ schema: pmSchema, doc, plugins: [selectionScopePlugin()] }).apply(
      EditorState.create({ schema: pmSchema, doc }).tr.setSelection(TextSelection.create(doc, pos)),
    )
  const press = (state: EditorState) => state.apply(selectScope(state)!)

  it('in a field: its text, then its block, then no further', () => {
    const title = positionsOfType(doc, 'ficheTitle')[0]!
    let state = press(start(title + 3))
    expect(state.doc.textBetween(state.selection.from, state.selection.to)).toBe('Ouvrir un relais petite enfance')
    state = press(state)
    expect(state.selection).toBeInstanceOf(NodeSelection)
    expect((state.selection as NodeSelection).node.type.name).toBe('ficheAction')
    const block = state.selection
    state = press(state)
    expect(state.selection.eq(block)).toBe(true)
  })

  it('in an empty field, the second Ctrl+A still reaches the block', () => {
    const funding = positionsOfType(doc, 'ficheFunding')[0]!
    let state = press(start(funding + 2))
    expect(state.selection.empty).toBe(true)
    state = press(state)
    expect((state.selection as NodeSelection).node.type.name).toBe('ficheAction')
  })

  it('in free text: the run between the blocks, then the whole document', () => {
    const paragraphs = positionsOfType(doc, 'paragraph')
    const annex = paragraphs.find((pos) => doc.nodeAt(pos)!.textContent.startsWith('Deuxième'))!
    let state = press(start(annex + 2))
    const text = state.doc.textBetween(state.selection.from, state.selection.to, '\n')
    expect(text.split('\n')).toEqual([
      'Annexe 3 — Plan d’actions',
      'Premier paragraphe de l’annexe.',
      'Deuxième paragraphe de l’annexe.',
      'Dernier paragraphe du document.',
    ])
    state = press(state)
    expect(state.selection).toBeInstanceOf(AllSelection)
  })
})
