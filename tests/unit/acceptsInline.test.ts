import { editorSchema } from '@ctg/extensions'
import { acceptsInline, findSchemaViolation } from '@ctg/server'
import { CELL_MAX_LENGTH, writeConvention, Y_FRAGMENT_NAME } from '@ctg/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { smallConvention } from '../fixtures/conventionFixtures.js'
import { forkDoc } from '../helpers/forkDoc.js'
import { fieldText, findElements } from '../helpers/yFields.js'

function convention(): Y.Doc {
  const doc = new Y.Doc({ gc: false })
  writeConvention(doc, editorSchema, smallConvention())
  return doc
}

const firstParagraph = (doc: Y.Doc) => findElements(doc, 'paragraph')[0]!.get(0) as Y.XmlText
const cell = (doc: Y.Doc) => fieldText(findElements(doc, 'indicatorTarget')[0]!)

/**
 * Whether `change`, made on a fork of `doc`, would be accepted on the main thread; when it
 * is, the worker's check (applied to a replica) must accept it too.
 */
function inline(doc: Y.Doc, change: (fork: Y.Doc) => void, clientID?: number): boolean {
  const fork = forkDoc(doc, clientID)
  change(fork.doc)
  return inlineUpdate(doc, fork.merged())
}

/** Whether `update` would be accepted on the main thread; when it is, the worker's check must accept it too. */
function inlineUpdate(doc: Y.Doc, update: Uint8Array): boolean {
  const accepted = acceptsInline(doc, update)
  if (accepted) {
    const replica = new Y.Doc({ gc: false })
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc))
    Y.applyUpdate(replica, update)
    expect(findSchemaViolation(update, replica)).toBeNull()
  }
  return accepted
}

describe('acceptsInline: what the main thread accepts without the sandbox worker', () => {
  it('accepts characters typed into a text: at its end, at its start, in the middle, and deleted again', () => {
    const doc = convention()
    const text = firstParagraph(doc)
    expect(inline(doc, (f) => firstParagraph(f).insert(firstParagraph(f).length, 'a'))).toBe(true)
    expect(inline(doc, (f) => firstParagraph(f).insert(0, 'début '))).toBe(true)
    expect(inline(doc, (f) => firstParagraph(f).insert(3, 'milieu'))).toBe(true)
    expect(inline(doc, (f) => firstParagraph(f).delete(1, 3))).toBe(true)
    expect(inline(doc, (f) => cell(f).insert(0, '1'))).toBe(true)
    expect(text.length).toBeGreaterThan(3)
  })

  it('leaves to the worker whatever it cannot prove cheap and accepted', () => {
    const doc = convention()
    // formatting, a new node, a deleted block, an attribute
    expect(inline(doc, (f) => firstParagraph(f).format(0, 2, { bold: {} }))).toBe(false)
    expect(inline(doc, (f) => f.getXmlFragment(Y_FRAGMENT_NAME).insert(0, [new Y.XmlElement('marquee')]))).toBe(false)
    expect(inline(doc, (f) => f.getXmlFragment(Y_FRAGMENT_NAME).delete(0, 1))).toBe(false)
    expect(inline(doc, (f) => findElements(f, 'keyAction')[0]!.setAttribute('deadline', 2101 as never))).toBe(false)
    // a cell pushed past its limit, and a paste larger than the inline bound
    expect(inline(doc, (f) => cell(f).insert(0, 'x'.repeat(CELL_MAX_LENGTH + 1 - cell(f).length)))).toBe(false)
    expect(inline(doc, (f) => firstParagraph(f).insert(0, 'x'.repeat(5000)))).toBe(false)
    // an update that depends on changes the document lacks
    const fork = forkDoc(doc, 77)
    firstParagraph(fork.doc).insert(0, 'a')
    firstParagraph(fork.doc).insert(1, 'b')
    expect(acceptsInline(doc, fork.updates[1]!)).toBe(false)
    expect(acceptsInline(doc, fork.updates[0]!)).toBe(true)
    // bytes that do not decode
    expect(acceptsInline(doc, new Uint8Array([1, 255, 255, 255, 255, 15, 7, 0]))).toBe(false)
  })

  it('accepts an insertion that Yjs integrates past a few concurrent ones, not past a pile of them', () => {
    const doc = convention()
    const atStart = (f: Y.Doc) => firstParagraph(f).insert(0, 'y')
    const atEnd = (f: Y.Doc) => firstParagraph(f).insert(firstParagraph(f).length, 'z')
    // typed at the start and at the end while three others typed there: three items to walk past each
    const late = forkDoc(doc, 2_000_002)
    const behind = forkDoc(doc, 3_000_003)
    for (const client of [1_000_001, 1_000_002, 1_000_003]) {
      const other = forkDoc(doc, client)
      atStart(other.doc)
      atEnd(other.doc)
      Y.applyUpdate(doc, other.merged())
    }
    atStart(late.doc)
    expect(inlineUpdate(doc, late.merged())).toBe(true)
    atEnd(behind.doc)
    expect(inlineUpdate(doc, behind.merged())).toBe(true)

    // a crafted pile: 40 one-character items at one place (each typed before the last)
    const piled = convention()
    const before = forkDoc(piled, 2_000_002)
    const pile = forkDoc(piled, 1_000_001)
    for (let i = 0; i < 40; i++) firstParagraph(pile.doc).insert(0, 'x')
    Y.applyUpdate(piled, pile.merged())
    atStart(before.doc)
    expect(inlineUpdate(piled, before.merged())).toBe(false)
  })
})
