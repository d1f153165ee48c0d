import { conventionSchema } from '@ctg/extensions'
import { findSchemaViolation } from '@ctg/server'
import { writeConvention, writeMeta, Y_FRAGMENT_NAME } from '@ctg/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { smallConvention } from '../fixtures/conventionFixtures.js'
import { forkDoc } from '../helpers/forkDoc.js'
import { fieldText, findElements } from '../helpers/yFields.js'

/** The verdict on the update `change` makes to the small convention, once applied to a replica. */
function verdict(change: (doc: Y.Doc) => void): string | null {
  const base = new Y.Doc({ gc: false })
  writeConvention(base, conventionSchema, smallConvention())
  const fork = forkDoc(base)
  change(fork.doc)
  const update = fork.merged()
  Y.applyUpdate(base, update)
  return findSchemaViolation(update, base)
}

const element = (name: string, ...children: (Y.XmlElement | Y.XmlText)[]) => {
  const e = new Y.XmlElement(name)
  e.insert(0, children)
  return e
}

describe('findSchemaViolation', () => {
  it('accepts what the editor writes: text, marks, blocks, entries, the title and the period', () => {
    expect(verdict((doc) => fieldText(findElements(doc, 'ficheTitle')[0]!).insert(0, 'Nouveau titre — '))).toBeNull()
    expect(
      verdict((doc) => (findElements(doc, 'paragraph')[0]!.get(0) as Y.XmlText).format(0, 4, { bold: {} })),
    ).toBeNull()
    expect(
      verdict((doc) =>
        findElements(doc, 'ficheKeyActions')[0]!.insert(0, [
          element('keyAction', element('keyActionLabel', new Y.XmlText('Former')), element('keyActionPilot')),
        ]),
      ),
    ).toBeNull()
    expect(verdict((doc) => writeMeta(doc, { title: 'Autre titre', period: { start: 2027, end: 2031 } }))).toBeNull()
    expect(verdict((doc) => doc.getXmlFragment(Y_FRAGMENT_NAME).delete(0, 2))).toBeNull()
  })

  it('refuses what y-prosemirror would delete or choke on, and what the schema does not know', () => {
    const fragment = (doc: Y.Doc) => doc.getXmlFragment(Y_FRAGMENT_NAME)
    const title = (doc: Y.Doc) => fieldText(findElements(doc, 'ficheTitle')[0]!)
    expect(verdict((doc) => fragment(doc).insert(0, [element('marquee')]))).toBe('unknown node type "marquee"')
    expect(verdict((doc) => title(doc).format(0, 3, { blink: true }))).toBe('unknown mark "blink"')
    expect(verdict((doc) => doc.getMap('comments').set('a', 1))).toBe('unknown root type "comments"')
    expect(verdict((doc) => title(doc).insertEmbed(0, { src: 'x' }))).toBe('text holding something else than text')
    expect(verdict((doc) => (fragment(doc) as unknown as Y.Array<unknown>).insert(0, ['texte brut']))).toBe(
      'element holding something else than nodes',
    )
    expect(verdict((doc) => doc.getMap('meta').set('title', 42))).toBe('metadata "title" refused')
    expect(verdict((doc) => doc.getMap('meta').set('owner', 'x'))).toBe('metadata "owner" refused')
    expect(verdict((doc) => title(doc).format(0, 3, { bold: {} }))).toBe('mark "bold" not allowed in ficheTitle')
    expect(verdict((doc) => findElements(doc, 'ficheAction')[0]!.setAttribute('status', 'bientot'))).toBe(
      'attribute "status" of ficheAction outside its values',
    )
    expect(verdict((doc) => findElements(doc, 'keyAction')[0]!.setAttribute('deadline', '2026' as never))).toBe(
      'attribute "deadline" of keyAction outside its values',
    )
    expect(verdict((doc) => findElements(doc, 'ficheAction')[0]!.setAttribute('id', new Y.Map() as never))).toBe(
      'attribute "id" holding no value',
    )
    // a node where its parent's content expression cannot have it: only removing it would help
    expect(verdict((doc) => findElements(doc, 'paragraph')[0]!.insert(0, [element('ficheAction')]))).toBe(
      'paragraph holding children its content expression refuses',
    )
    expect(verdict((doc) => findElements(doc, 'ficheAction')[0]!.insert(1, [element('ficheTitle')]))).toBe(
      'ficheAction holding children its content expression refuses',
    )
    expect(verdict((doc) => fragment(doc).insert(0, [new Y.XmlText('texte hors paragraphe')]))).toBe(
      'doc holding children its content expression refuses',
    )
    const deep = (depth: number) => {
      let node = element('listItem', element('paragraph'))
      for (let i = 0; i < depth; i++) node = element('listItem', element('bulletList', node))
      return element('bulletList', node)
    }
    expect(verdict((doc) => fragment(doc).insert(0, [deep(20)]))).toBeNull()
    expect(verdict((doc) => fragment(doc).insert(0, [deep(60)]))).toBe('nodes nested too deep')
  })
})
