import { editorSchema as pmSchema, passesTextLimit, positionsOfType } from '@ctg/extensions'
import { CELL_MAX_LENGTH, conventionToEditorJson } from '@ctg/shared'
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
})
