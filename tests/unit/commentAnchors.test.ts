import { editorSchema, editYDoc } from '@ctg/extensions'
import {
  anchorRepairs,
  applyAnchorRepairs,
  markPassage,
  placeImportedComments,
  readAnchors,
  resolvePassage,
  snapshotBlockIds,
} from '@ctg/server'
import {
  blockLabels,
  codePointLength,
  messageBodySchema,
  writeConvention,
  Y_FRAGMENT_NAME,
  yDocToConvention,
} from '@ctg/shared'
import type { Node as PMNode } from '@tiptap/pm/model'
import type { Transaction } from '@tiptap/pm/state'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { smallConvention } from '../fixtures/conventionFixtures.js'
import { forkDoc } from '../helpers/forkDoc.js'
import { markedText } from '../helpers/passagePositions.js'
import { fieldText, findElements } from '../helpers/yFields.js'

const THREAD = 't-1'
const freeParagraph = (doc: Y.Doc) => (doc.getXmlFragment(Y_FRAGMENT_NAME).get(1) as Y.XmlElement).get(0) as Y.XmlText
const plain = (text: Y.XmlText) => (text.toDelta() as { insert: string }[]).map((op) => op.insert).join('')

/** The server's document with "seule" (free text) commented, as the server writes it. */
function commentedDoc(): Y.Doc {
  const doc = new Y.Doc({ gc: false })
  writeConvention(doc, editorSchema, smallConvention())
  const text = freeParagraph(doc)
  const at = plain(text).indexOf('seule')
  const result = resolvePassage(
    doc,
    Y.createRelativePositionFromTypeIndex(text, at),
    Y.createRelativePositionFromTypeIndex(text, at + 5),
  )
  if (result.kind !== 'found') throw new Error(result.kind)
  doc.transact(() => markPassage(result.segments, THREAD))
  return doc
}

/** The position in a ProseMirror document just before the first occurrence of `needle`. */
function positionOf(doc: PMNode, needle: string): number {
  let found = -1
  doc.descendants((node, pos) => {
    if (found < 0 && node.isText && node.text!.includes(needle)) found = pos + node.text!.indexOf(needle)
    return found < 0
  })
  if (found < 0) throw new Error(`no "${needle}"`)
  return found
}

/**
 * A client edits its copy through y-prosemirror's own diff (as the editor binding does);
 * the server applies the update as it would a connection's and repairs what it must.
 * Returns how many repairs it made and the server's document.
 */
function serverAfter(edit: (tr: Transaction) => void, change?: (doc: Y.Doc) => void) {
  const server = commentedDoc()
  const client = forkDoc(server)
  if (change) change(client.doc)
  else editYDoc(client.doc, editorSchema, edit)
  let repairs = 0
  server.on('afterTransaction', (transaction: Y.Transaction) => {
    if (transaction.origin !== 'connection') return
    const found = anchorRepairs(transaction)
    repairs += found.length
    if (found.length) server.transact(() => applyAnchorRepairs(found), 'repair')
  })
  Y.applyUpdate(server, client.merged(), 'connection')
  return { repairs, server }
}

describe('comment anchors against honest and forged edits', () => {
  it('the editor typing before, inside and after a passage, or formatting it, changes no mark', () => {
    const before = serverAfter((tr) => tr.insertText('Rappel : ', positionOf(tr.doc, 'Une ')))
    expect(before.repairs).toBe(0)
    expect(markedText(freeParagraph(before.server), THREAD)).toBe('seule')
    const inside = serverAfter((tr) => tr.insertText('X', positionOf(tr.doc, 'ule')))
    expect(inside.repairs).toBe(0)
    expect(markedText(freeParagraph(inside.server), THREAD)).toBe('seXule')
    // not inclusive: what is typed at its end is not commented
    const after = serverAfter((tr) => tr.insertText('ment', positionOf(tr.doc, ' action')))
    expect(after.repairs).toBe(0)
    expect(markedText(freeParagraph(after.server), THREAD)).toBe('seule')
    expect(plain(freeParagraph(after.server))).toContain('seulement action')
    const bold = serverAfter((tr) => {
      const from = positionOf(tr.doc, 'Une ')
      tr.addMark(from, from + 16, editorSchema.marks.bold!.create())
    })
    expect(bold.repairs).toBe(0)
    expect(markedText(freeParagraph(bold.server), THREAD)).toBe('seule')
  })

  it("typing the passage's first letter just before it moves no character out of the passage", () => {
    // y-prosemirror's string diff sees the old "s" as the typed one: the mark is put back on it
    const { repairs, server } = serverAfter((tr) => tr.insertText('s', positionOf(tr.doc, 'seule')))
    expect(repairs).toBeGreaterThan(0)
    expect(markedText(freeParagraph(server), THREAD)).toMatch(/^s?seule$/)
  })

  it('deleting the passage is accepted (the thread detaches), part of it keeps the rest', () => {
    const whole = serverAfter((tr) => {
      const from = positionOf(tr.doc, 'seule')
      tr.delete(from, from + 5)
    })
    expect(whole.repairs).toBe(0)
    expect(readAnchors(whole.server).passages.has(THREAD)).toBe(false)
    const part = serverAfter((tr) => {
      const from = positionOf(tr.doc, 'eul')
      tr.delete(from, from + 3)
    })
    expect(part.repairs).toBe(0)
    expect(markedText(freeParagraph(part.server), THREAD)).toBe('se')
  })

  it('a mark removed, moved or replaced by a raw client is put back', () => {
    for (const forge of [
      (text: Y.XmlText) => text.format(4, 5, { comment: null }),
      (text: Y.XmlText) => text.format(0, 3, { comment: { threadId: THREAD } }),
      (text: Y.XmlText) => text.format(4, 5, { comment: { threadId: 't-other' } }),
    ]) {
      const { repairs, server } = serverAfter(
        () => undefined,
        (doc) => forge(freeParagraph(doc)),
      )
      expect(repairs).toBeGreaterThan(0)
      expect(markedText(freeParagraph(server), THREAD)).toBe('seule')
      expect(markedText(freeParagraph(server), 't-other')).toBe('')
    }
  })

  it('an id change of a block or entry that remains is refused, a new block with any id is not', () => {
    const check = (change: (doc: Y.Doc) => void) => {
      const server = commentedDoc()
      const client = forkDoc(server)
      change(client.doc)
      const snapshot = snapshotBlockIds(client.merged(), server)
      Y.applyUpdate(server, client.merged())
      return snapshot.violation()
    }
    expect(check((doc) => findElements(doc, 'ficheAction')[0]!.setAttribute('id', 'fa-forged'))).toMatch(/id/)
    // two signatories swapping ids, as y-prosemirror writes a swap of two entries of one type: both ids remain
    expect(
      check((doc) => {
        const [first, second] = findElements(doc, 'signatory')
        const firstId = first!.getAttribute('id')!
        first!.setAttribute('id', second!.getAttribute('id')!)
        second!.setAttribute('id', firstId)
      }),
    ).toBeNull()
    // taking another entry's id makes the first id vanish: refused
    expect(
      check((doc) => {
        const [first, second] = findElements(doc, 'signatory')
        first!.setAttribute('id', second!.getAttribute('id')!)
      }),
    ).toMatch(/id/)
    expect(check((doc) => findElements(doc, 'keyAction')[0]!.setAttribute('status', 'realisee'))).toBeNull()
    expect(check((doc) => (findElements(doc, 'ficheAction')[0]!.parent as Y.XmlFragment).delete(2, 1))).toBeNull()
  })

  it('import puts each mark back on the same characters, found by container, offset and length', () => {
    const doc = new Y.Doc({ gc: false })
    writeConvention(doc, editorSchema, smallConvention())
    const [placed] = placeImportedComments(doc, 'c-1', [
      {
        id: 't-old',
        anchor: {
          blockId: 'ka-1-1',
          quote: 'animatrice',
          detached: false,
          field: 'keyActionLabel',
          offset: 13,
          length: 10,
        },
        status: 'open',
        createdAt: '2026-01-02T03:04:05.000Z',
        author: { id: 'u-1', name: 'Camille' },
        messages: [
          {
            id: 'm-old',
            author: { id: 'u-1', name: 'Camille' },
            body: 'Profil ?',
            createdAt: '2026-01-02T03:04:05.000Z',
            editedAt: null,
            deleted: false,
          },
        ],
      },
    ])
    expect(placed!.thread.id).not.toBe('t-old')
    expect(placed!.messages[0]!.id).not.toBe('m-old')
    expect(placed!.thread.detached).toBe(false)
    expect(markedText(fieldText(findElements(doc, 'keyActionLabel')[0]!), placed!.thread.id)).toBe('animatrice')
    expect(readAnchors(doc).passages.get(placed!.thread.id)).toMatchObject({
      blockId: 'ka-1-1',
      offset: 13,
      length: 10,
    })
  })
})

describe('comment helpers', () => {
  it('a message is 1 to 5,000 code points of plain text with line breaks, kept as typed', () => {
    expect(messageBodySchema.safeParse('  Deux\nlignes  ').data).toBe('  Deux\nlignes  ')
    expect(messageBodySchema.safeParse('').success).toBe(false)
    expect(messageBodySchema.safeParse('   \n ').success).toBe(false)
    expect(messageBodySchema.safeParse('a\u0000b').success).toBe(false)
    expect(messageBodySchema.safeParse('\ud800').success).toBe(false)
    expect(codePointLength('😀é')).toBe(2)
    expect(messageBodySchema.safeParse('😀'.repeat(5000)).success).toBe(true)
    expect(messageBodySchema.safeParse('😀'.repeat(5001)).success).toBe(false)
  })

  it('labels name blocks and entries as the panel shows them', () => {
    const doc = new Y.Doc()
    writeConvention(doc, editorSchema, smallConvention())
    const labels = blockLabels(yDocToConvention(doc))
    expect(labels.get('fa-1')).toBe('Fiche action n°1 — Ouvrir un relais petite enfance')
    expect(labels.get('ka-1-1')).toBe('Action clé 1.1 — Recruter une animatrice de relais')
    expect(labels.get('it-1')).toBe("Tableau d'indicateurs — Indicateurs")
  })
})
