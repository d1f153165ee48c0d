import { editorSchema as pmSchema } from '@ctg/extensions'
import { parseStatelessMessage, Y_FRAGMENT_NAME, writeConvention } from '@ctg/shared'
import { Fragment, Slice, type Node as PMNode } from '@tiptap/pm/model'
import { EditorState, Plugin, TextSelection } from '@tiptap/pm/state'
import { initProseMirrorDoc, ySyncPluginKey } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  anchorLabel,
  commentHighlightsKey,
  CommentHighlights,
  openThreadsFrom,
  locateAnchors,
  passageAnchor,
} from '@ctg/client'
import { smallConvention } from '../fixtures/conventionFixtures.js'

/** The small convention as the editor holds it, with the y-prosemirror binding the editor would have. */
function editorOnYDoc() {
  const ydoc = new Y.Doc()
  writeConvention(ydoc, pmSchema, smallConvention())
  const fragment = ydoc.getXmlFragment(Y_FRAGMENT_NAME)
  const { doc, meta } = initProseMirrorDoc(fragment, pmSchema)
  // stands for ySyncPlugin: passageAnchor reads only its binding's fragment, mapping and doc
  const binding = { type: fragment, mapping: meta.mapping, doc: ydoc }
  const sync = new Plugin({ key: ySyncPluginKey, state: { init: () => ({ binding }), apply: (_, v) => v } })
  const state = EditorState.create({ doc, plugins: [sync] })
  return { ydoc, state, mapping: meta.mapping as Map<Y.AbstractType<unknown>, PMNode> }
}

function firstOfType(doc: PMNode, name: string): number {
  let found = -1
  doc.descendants((node, pos) => {
    if (found < 0 && node.type.name === name) found = pos
    return found < 0
  })
  return found
}

/** The Y.XmlText that holds the text of the PM textblock `node`. */
function yTextOf(mapping: Map<Y.AbstractType<unknown>, PMNode>, node: PMNode): Y.XmlText {
  for (const [type, mapped] of mapping)
    if (mapped === node && type instanceof Y.XmlElement) return type.get(0) as Y.XmlText
  throw new Error('not mapped')
}

const encode = (text: Y.XmlText, index: number) =>
  Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index))).toString('base64')

describe('comments in the client: anchors, labels, highlights', () => {
  it('a selection in a fiche field is sent as relative positions on its Y.XmlText, `to` just after the last character', () => {
    const { state, mapping } = editorOnYDoc()
    const paragraphPos = firstOfType(state.doc, 'ficheObjective') + 1
    const paragraph = state.doc.nodeAt(paragraphPos)!
    const text = yTextOf(mapping, paragraph)
    const start = paragraphPos + 1
    const length = paragraph.textContent.length

    // the first ten characters
    const first = passageAnchor(state.apply(state.tr.setSelection(TextSelection.create(state.doc, start, start + 10))))
    expect(first).toEqual({
      ok: true,
      anchor: { from: encode(text, 0), to: encode(text, 10) },
      quote: paragraph.textContent.slice(0, 10),
    })
    // up to the end of the field: `to` is the end of the text
    const last = passageAnchor(
      state.apply(state.tr.setSelection(TextSelection.create(state.doc, start + 5, start + length))),
    )
    expect(last.ok && last.anchor).toEqual({ from: encode(text, 5), to: encode(text, length) })
    // a decoded position lands where it was taken
    const decoded = Y.createAbsolutePositionFromRelativePosition(
      Y.decodeRelativePosition(Buffer.from(encode(text, 5), 'base64')),
      text.doc!,
    )
    expect(decoded?.index).toBe(5)
  })

  it('refuses a selection across two fields, and an empty one, in French', () => {
    const { state } = editorOnYDoc()
    const title = firstOfType(state.doc, 'ficheTitle')
    const objective = firstOfType(state.doc, 'ficheObjective')
    const across = passageAnchor(
      state.apply(state.tr.setSelection(TextSelection.create(state.doc, title + 2, objective + 4))),
    )
    expect(across).toEqual({ ok: false, reason: expect.stringContaining('un seul paragraphe ou d’un seul champ') })
    const empty = passageAnchor(state.apply(state.tr.setSelection(TextSelection.create(state.doc, title + 2))))
    expect(empty.ok).toBe(false)
  })

  it('names the place of an anchor after the document: fiche number and title, key action, indicator, signatory', () => {
    const { state } = editorOnYDoc()
    const doc = state.doc
    expect(anchorLabel(state, firstOfType(doc, 'ficheObjective') + 2)).toBe(
      'Fiche action n°1 — Ouvrir un relais petite enfance',
    )
    expect(anchorLabel(state, firstOfType(doc, 'keyActionPilot') + 1)).toMatch(
      /^Fiche action n°1 — Ouvrir un relais petite enfance › Action clé 1\.1 — Recruter/,
    )
    expect(anchorLabel(state, firstOfType(doc, 'indicatorRow') + 1)).toMatch(
      /^Tableau d’indicateurs — Indicateurs › Indicateur « /,
    )
    expect(anchorLabel(state, firstOfType(doc, 'signatory') + 1)).toBe('Signatures › Signataire — La Caf')
    expect(anchorLabel(state, firstOfType(doc, 'paragraph') + 1)).toBe('Section « Plan d’actions »')
  })

  it('highlights open passages only and counts open threads on the block and entry that hold them', () => {
    const { state: initial } = editorOnYDoc()
    const plugin = CommentHighlights.config.addProseMirrorPlugins!.call({} as never)[0]!
    let state = EditorState.create({ doc: initial.doc, plugins: [plugin] })
    const pilot = firstOfType(state.doc, 'keyActionPilot')
    const keyAction = state.doc.nodeAt(firstOfType(state.doc, 'keyAction'))!
    const mark = (threadId: string) => pmSchema.marks.comment!.create({ threadId })
    state = state.apply(
      state.tr.addMark(pilot + 1, pilot + 4, mark('t-open')).addMark(pilot + 4, pilot + 6, mark('t-done')),
    )
    expect([...locateAnchors(state.doc).passages.keys()].sort()).toEqual(['t-done', 't-open'])

    state = state.apply(
      state.tr.setMeta(commentHighlightsKey, {
        threads: [
          { id: 't-open', status: 'open', detached: false },
          { id: 't-done', status: 'resolved', detached: false },
          { id: 't-block', status: 'open', blockId: keyAction.attrs.id as string, detached: false },
        ],
        selected: 't-open',
      }),
    )
    const decorations = commentHighlightsKey.getState(state)!.decorations
    const highlighted = decorations.find(pilot, pilot + 10).filter((d) => d.from > pilot)
    expect(highlighted.map((d) => [d.from, d.to])).toEqual([[pilot + 1, pilot + 4]])
    const fichePos = firstOfType(state.doc, 'ficheAction')
    const keyActionPos = firstOfType(state.doc, 'keyAction')
    const at = (pos: number) =>
      decorations.find(pos, pos + state.doc.nodeAt(pos)!.nodeSize).filter((d) => d.from === pos)
    // the fiche holds the passage and the key action's thread; the key action too
    expect(openThreadsFrom(at(fichePos))).toBe(2)
    expect(openThreadsFrom(at(keyActionPos))).toBe(2)
  })

  it('pasted content loses its comment marks (only the server writes them), and keeps its formatting', () => {
    const plugin = CommentHighlights.config.addProseMirrorPlugins!.call({} as never)[0]!
    const marks = [pmSchema.marks.comment!.create({ threadId: 't1' }), pmSchema.marks.bold!.create()]
    const paragraph = pmSchema.nodes.paragraph!.create(null, pmSchema.text('collé', marks))
    const pasted = plugin.props.transformPasted!.call(
      plugin,
      new Slice(Fragment.from(paragraph), 1, 1),
      null as never,
      false,
    )
    expect(pasted.openStart).toBe(1)
    expect(pasted.content.firstChild!.firstChild!.marks.map((m) => m.type.name)).toEqual(['bold'])
    expect(pasted.content.firstChild!.textContent).toBe('collé')
  })

  it('reads the threads stateless message and ignores others', () => {
    const parseThreadsMessage = (payload: string) => {
      const message = parseStatelessMessage(payload)
      return message?.type === 'threads' ? message : null
    }
    expect(parseThreadsMessage('{"type":"threads","event":"created","threadId":"t1"}')).toEqual({
      type: 'threads',
      event: 'created',
      threadId: 't1',
    })
    expect(parseThreadsMessage('{"type":"access","role":"reader"}')).toBeNull()
    expect(parseThreadsMessage('not json')).toBeNull()
  })
})
