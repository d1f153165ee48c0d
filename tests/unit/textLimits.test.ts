import { editorSchema as pmSchema, passesTextLimit, positionsOfType } from '@ctg/extensions'
import { CELL_MAX_LENGTH, conventionToEditorJson, TEXT_MAX_LENGTH, type Convention } from '@ctg/shared'
import { EditorState } from '@tiptap/pm/state'
import { describe, expect, it } from 'vitest'
import { smallConvention } from '../fixtures/conventionFixtures.js'

const doc = pmSchema.nodeFromJSON(conventionToEditorJson(smallConvention()).doc)
const state = EditorState.create({ schema: pmSchema, doc })
/** the inside of the first target cell, and its text */
const cellPos = positionsOfType(doc, 'indicatorTarget')[0]! + 1
const cellText = doc.nodeAt(cellPos - 1)!.textContent

describe('TextLimits (the editor keeps texts within the rules of @ctg/shared)', () => {
  it('lets a cell grow up to CELL_MAX_LENGTH characters, not one more', () => {
    const fill = 'x'.repeat(CELL_MAX_LENGTH - cellText.length)
    expect(passesTextLimit(state.tr.insertText(fill, cellPos))).toBe(true)
    expect(passesTextLimit(state.tr.insertText(fill + 'y', cellPos))).toBe(false)
  })

  it('still lets a text over its limit (stored before the rule) shrink', () => {
    const over = state.apply(state.tr.insertText('x'.repeat(CELL_MAX_LENGTH + 10), cellPos))
    expect(passesTextLimit(over.tr.delete(cellPos, cellPos + 3))).toBe(true)
    expect(passesTextLimit(over.tr.insertText('z', cellPos))).toBe(false)
  })

  it('does not limit free text to a cell length', () => {
    const paragraph = positionsOfType(doc, 'paragraph')[0]! + 1
    expect(passesTextLimit(state.tr.insertText('x'.repeat(5_000), paragraph))).toBe(true)
  })

  it("counts a fiche field's lists in the field's text: a paragraph and a list item share its limit", () => {
    // the objective: "Intro", then a bullet list whose one item is long; as exported, joined by a blank line
    const long = 'x'.repeat(TEXT_MAX_LENGTH - 20)
    const c: Convention = smallConvention()
    const fiche = c.content.find((b) => b.type === 'ficheAction')!
    if (fiche.type !== 'ficheAction') throw new Error('fixture')
    fiche.objective = `Intro\n\n${long}`
    fiche.rich = { objective: [[{ text: 'Intro' }], { type: 'list', ordered: false, items: [{ text: long }] }] }
    const withList = pmSchema.nodeFromJSON(conventionToEditorJson(c).doc)
    const listState = EditorState.create({ schema: pmSchema, doc: withList })
    const room = TEXT_MAX_LENGTH - (5 + 2 + long.length)
    const intro = positionsOfType(withList, 'ficheObjective')[0]! + 2
    const item = positionsOfType(withList, 'listItem')[0]! + 2
    for (const at of [intro, item]) {
      expect(passesTextLimit(listState.tr.insertText('y'.repeat(room), at))).toBe(true)
      expect(passesTextLimit(listState.tr.insertText('y'.repeat(room + 1), at))).toBe(false)
    }
  })
})
