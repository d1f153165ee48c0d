import {
  BLOCK_NODE_NAMES,
  blockNodeNames,
  Comment,
  CONVENTION_LABELS,
  ConventionDocument,
  ConventionKit,
  editorSchema,
  FicheAction,
  positionsOfType,
  SignatoryBlock,
} from '@ctg/extensions'
import { conventionNodes, conventionToEditorJson, validateEditorJson } from '@ctg/shared'
import { Editor, getSchema } from '@tiptap/core'
import type { Node as PMNode, Schema } from '@tiptap/pm/model'
import { BulletList, ListItem, OrderedList } from '@tiptap/extension-list'
import Paragraph from '@tiptap/extension-paragraph'
import Text from '@tiptap/extension-text'
import { describe, expect, it } from 'vitest'
import { smallConvention } from '../fixtures/conventionFixtures.js'

/** What a node renders as, without a DOM: its spec's toDOM array. */
function rendered(schema: Schema, name: string): readonly unknown[] {
  const type = schema.nodes[name]!
  return type.spec.toDOM!(type.create()) as readonly unknown[]
}

const EMPTY = { type: 'doc', content: [{ type: 'paragraph' }] }

describe('ConventionKit', () => {
  it('alone is the complete schema: every node of the blocks, the free text and the comment mark', () => {
    const schema = getSchema([ConventionKit])
    for (const name of ['ficheAction', 'indicatorTable', 'signatoryBlock', ...Object.keys(conventionNodes)]) {
      expect(schema.nodes[name], name).toBeDefined()
    }
    for (const name of ['paragraph', 'heading', 'bulletList', 'orderedList', 'listItem', 'hardBreak', 'text']) {
      expect(schema.nodes[name], name).toBeDefined()
    }
    expect(Object.keys(schema.marks).sort()).toEqual(Object.keys(editorSchema.marks).sort())
    expect(schema.marks.comment).toBeDefined()
    // a whole convention fits it
    const doc = conventionToEditorJson(smallConvention()).doc
    expect(validateEditorJson(schema, doc)).toEqual([])
  })

  it('leaves out a block and its own nodes when configured so, and keeps the others', () => {
    const schema = getSchema([ConventionKit.configure({ blocks: { signatoryBlock: false, planningTable: false } })])
    expect(schema.nodes.signatoryBlock).toBeUndefined()
    expect(schema.nodes.signatory).toBeUndefined()
    expect(schema.nodes.signatoryPlace).toBeUndefined()
    expect(schema.nodes.planningRow).toBeUndefined()
    expect(schema.nodes.ficheAction).toBeDefined()
    expect(schema.nodes.keyActionLabel).toBeDefined()
    expect(schema.nodes.indicatorRow).toBeDefined()
  })

  it('builds a schema of free text only when every block is off', () => {
    const blocks = Object.fromEntries(BLOCK_NODE_NAMES.map((block) => [block, false]))
    const schema = getSchema([ConventionKit.configure({ blocks })])
    expect(Object.keys(schema.nodes).filter((name) => name in conventionNodes)).toEqual([])
    expect(schema.nodes.doc!.contentMatch.matchType(schema.nodes.paragraph!)).toBeTruthy()
  })

  it('renders each node with its label, French by default, replaced by the labels option', () => {
    expect(rendered(editorSchema, 'ficheObjective')[1]).toMatchObject({
      'data-type': 'ficheObjective',
      'data-label': CONVENTION_LABELS.ficheObjective,
    })
    const schema = getSchema([
      ConventionKit.configure({ labels: { ficheObjective: 'Goal', ficheAction: 'Action sheet' } }),
    ])
    expect(rendered(schema, 'ficheObjective')[1]).toMatchObject({ 'data-label': 'Goal' })
    expect(rendered(schema, 'ficheAction')[1]).toMatchObject({ 'data-label': 'Action sheet' })
    expect(rendered(schema, 'ficheTitle')[1]).toMatchObject({ 'data-label': CONVENTION_LABELS.ficheTitle })
  })

  it('lets a block be registered on its own: it brings its fields (the host brings text, lists and the comment mark)', () => {
    // a fiche's fields of paragraphs hold lists too: the host brings them, as StarterKit does
    const schema = getSchema([
      ConventionDocument,
      Paragraph,
      Text,
      BulletList,
      OrderedList,
      ListItem,
      Comment,
      FicheAction,
      SignatoryBlock,
    ])
    for (const name of [...blockNodeNames('ficheAction'), ...blockNodeNames('signatoryBlock')]) {
      expect(schema.nodes[name], name).toBeDefined()
    }
    expect(schema.nodes.indicatorTable).toBeUndefined()
  })

  it('runs a headless editor (no DOM) that inserts a fiche, a key action, an indicators table and signatories', () => {
    const editor = new Editor({ extensions: [ConventionKit], content: EMPTY })
    expect(editor.commands.insertFicheAction()).toBe(true)
    const fiche = positionsOfType(editor.state.doc, 'ficheAction')[0]!
    const keyActions = positionsOfType(editor.state.doc, 'keyAction').length
    expect(editor.commands.addKeyAction(fiche)).toBe(true)
    expect(editor.commands.insertIndicatorTable({ period: { start: 2026, end: 2029 } })).toBe(true)
    expect(editor.commands.insertSignatoryBlock()).toBe(true)
    const doc: PMNode = editor.state.doc
    expect(positionsOfType(doc, 'keyAction')).toHaveLength(keyActions + 1)
    const table = doc.nodeAt(positionsOfType(doc, 'indicatorTable')[0]!)!
    expect(table.attrs).toMatchObject({ startYear: 2026, endYear: 2029 })
    expect(positionsOfType(doc, 'signatory').length).toBeGreaterThan(0)
    expect(validateEditorJson(editorSchema, editor.getJSON())).toEqual([])
    editor.destroy()
  })
})
