import { ConventionKit, editorSchema } from '@ctg/extensions'
import { conventionToEditorJson, Y_FRAGMENT_NAME } from '@ctg/shared'
import { Editor } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import type { Node as PMNode } from '@tiptap/pm/model'
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap'
import { beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { moveBlock } from '@ctg/extensions'
import { repairBlockIds } from '@ctg/server'
import { twoOfEachKindConvention } from '../fixtures/twoOfEachKindConvention.js'
import { installDom } from '../fuzz/installDom.js'

beforeAll(() => installDom())

/** An editor bound by the collaboration extension to its own copy of `origin`. */
function editorOn(origin: Y.Doc): { editor: Editor; doc: Y.Doc } {
  const doc = new Y.Doc({ gc: false })
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(origin))
  const element = document.createElement('div')
  document.body.appendChild(element)
  const editor = new Editor({
    element,
    extensions: [
      ConventionKit.configure({ starterKit: { trailingNode: false } }),
      Collaboration.configure({ document: doc }),
    ],
  })
  return { editor, doc }
}

const exchange = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

/** Both copies exchange their changes, then the server's resolution of duplicate copies reaches both. */
const syncThroughServer = (a: Y.Doc, b: Y.Doc) => {
  exchange(a, b)
  repairBlockIds(a, 'server')
  exchange(a, b)
}

/** Each top-level block as id and text, in order. */
const blocks = (doc: PMNode) => {
  const out: string[] = []
  doc.forEach((node) => node.attrs.id && out.push(`${node.attrs.id as string}: ${node.textContent}`))
  return out
}

const positionOf = (doc: PMNode, id: string) => {
  let at = -1
  doc.forEach((node, offset) => {
    if (node.attrs.id === id) at = offset
  })
  return at
}

const move = (editor: Editor, id: string, direction: 'up' | 'down') => {
  const tr = editor.state.tr
  expect(moveBlock(tr, direction, positionOf(tr.doc, id))).toBe(true)
  editor.view.dispatch(tr)
}

describe('a moved block stays one element per id (alignByBlockId)', () => {
  const start = () => {
    const origin = prosemirrorJSONToYDoc(
      editorSchema,
      conventionToEditorJson(twoOfEachKindConvention()).doc,
      Y_FRAGMENT_NAME,
    )
    const a = editorOn(origin)
    const b = editorOn(origin)
    return { a, b, before: blocks(a.editor.state.doc) }
  }

  it('a move of a block past one of the same type deletes one element and inserts one, rewriting none', () => {
    const { a } = start()
    const elements = () => a.doc.getXmlFragment(Y_FRAGMENT_NAME).toArray()
    const was = new Set(elements())
    move(a.editor, 'sb-1', 'down')
    const now = elements()
    expect(now.filter((element) => !was.has(element))).toHaveLength(1)
    expect([...was].filter((element) => !now.includes(element))).toHaveLength(1)
    // every element that stayed holds the block it held before
    for (const element of now.filter((e) => was.has(e)))
      expect((element as Y.XmlElement).getAttribute?.('id') ?? null).not.toBe('sb-1')
  })

  it('two people swapping the same two signatory blocks at once keep both, each with its own content', () => {
    const { a, b, before } = start()
    move(a.editor, 'sb-1', 'down')
    move(b.editor, 'sb-2', 'up')
    // the two copies of the moved block are resolved once, by the server
    syncThroughServer(a.doc, b.doc)
    const swapped = [...before]
    const i = swapped.findIndex((block) => block.startsWith('sb-1:'))
    ;[swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!]
    expect(blocks(a.editor.state.doc)).toEqual(swapped)
    expect(blocks(b.editor.state.doc)).toEqual(swapped)
  })

  it('crossing moves (a fiche past a table by one, that table past the other fiche by another) lose no block', () => {
    const { a, b, before } = start()
    move(a.editor, 'fa-2', 'up')
    move(b.editor, 'it-1', 'up')
    syncThroughServer(a.doc, b.doc)
    expect(blocks(a.editor.state.doc).sort()).toEqual([...before].sort())
    expect(blocks(b.editor.state.doc)).toEqual(blocks(a.editor.state.doc))
  })
})
