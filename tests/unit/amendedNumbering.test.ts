import { editorSchema } from '@ctg/extensions'
import { amendedNumbersOf, writeConvention, Y_FRAGMENT_NAME, type Convention } from '@ctg/shared'
import { BlockNumbering, anchorLabel, numberAt, withAmendedNumbers } from '@ctg/client'
import type { Node as PMNode } from '@tiptap/pm/model'
import { EditorState } from '@tiptap/pm/state'
import { initProseMirrorDoc } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { largeConvention } from '../fixtures/conventionFixtures.js'

type Fiche = Extract<Convention['content'][number], { type: 'ficheAction' }>
const fiches = (c: Convention) => c.content.filter((b): b is Fiche => b.type === 'ficheAction')

/** The convention as an editor state with the numbering plugin of the editor. */
function editorStateOf(convention: Convention): EditorState {
  const ydoc = new Y.Doc()
  writeConvention(ydoc, editorSchema, convention)
  const { doc } = initProseMirrorDoc(ydoc.getXmlFragment(Y_FRAGMENT_NAME), editorSchema)
  const plugins = BlockNumbering.config.addProseMirrorPlugins!.call({} as never)
  return EditorState.create({ doc, plugins })
}

/** Every fiche and key action's shown number, by id, in document order. */
function shownNumbers(state: EditorState): [string, string | null][] {
  const shown: [string, string | null][] = []
  state.doc.descendants((node: PMNode, pos: number) => {
    if (node.type.name === 'ficheAction' || node.type.name === 'keyAction')
      shown.push([String(node.attrs.id), numberAt(state, pos)])
    return node.type.name !== 'keyAction'
  })
  return shown
}

describe('the editor numbers an avenant as the text it amends', () => {
  it('numbers in document order, then as the export numbers an avenant once given the amended numbers', () => {
    const adopted = largeConvention()
    const avenant = structuredClone(adopted)
    const [first, second] = fiches(avenant)
    const removed = first!.keyActions.splice(0, 1)[0]!
    first!.keyActions.push({ ...removed, id: 'ka-new', label: 'Nouvelle action' })
    avenant.content.splice(avenant.content.indexOf(second!), 1)

    const state = editorStateOf(avenant)
    // no amended numbers yet: document order, as any convention
    const inOrder = shownNumbers(state)
    expect(inOrder[0]).toEqual([first!.id, '1'])
    expect(inOrder[1]).toEqual([first!.keyActions[0]!.id, '1.1'])

    const amended = state.apply(withAmendedNumbers(state.tr, amendedNumbersOf(adopted.content)))
    const lastSuffix = Math.max(...fiches(adopted)[0]!.keyActions.map((k) => Number(k.number.split('.')[1])))
    const shown = new Map(shownNumbers(amended))
    // kept numbers, a new key action after the last one, later fiches unchanged by the removal
    for (const k of first!.keyActions.slice(0, -1))
      expect(shown.get(k.id)).toBe(fiches(adopted)[0]!.keyActions.find((a) => a.id === k.id)!.number)
    expect(shown.get('ka-new')).toBe(`1.${lastSuffix + 1}`)
    const third = fiches(avenant)[1]!
    expect(shown.get(third.id)).toBe(String(fiches(adopted).find((f) => f.id === third.id)!.number))
    expect(shown.get(third.id)).toBe('3')

    // the labels read the same numbers (comments, removal questions)
    let newActionPos = -1
    amended.doc.descendants((node, pos) => {
      if (node.attrs.id === 'ka-new') newActionPos = pos
      return newActionPos < 0
    })
    expect(anchorLabel(amended, newActionPos + 2)).toContain(`Action clé 1.${lastSuffix + 1}`)

    // numbers follow edits: the amended numbers stay set when the document changes
    const edited = amended.apply(amended.tr.insertText('x', newActionPos + 2))
    expect(new Map(shownNumbers(edited)).get('ka-new')).toBe(`1.${lastSuffix + 1}`)
  })
})
