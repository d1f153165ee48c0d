import { editorSchema } from '@ctg/extensions'
import { findSchemaViolation } from '@ctg/server'
import {
  CELL_MAX_LENGTH,
  LONGEST_PERIOD_YEARS,
  TEXT_MAX_LENGTH,
  TITLE_MAX_LENGTH,
  writeConvention,
  writeMeta,
  Y_FRAGMENT_NAME,
} from '@ctg/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { smallConvention } from '../fixtures/conventionFixtures.js'
import { forkDoc } from '../helpers/forkDoc.js'
import { fieldText, findElements } from '../helpers/yFields.js'

/** The verdict on the update `change` makes to the small convention, once applied to a replica. */
function verdict(change: (doc: Y.Doc) => void): string | null {
  const base = new Y.Doc({ gc: false })
  writeConvention(base, editorSchema, smallConvention())
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

describe('findSchemaViolation reads the rules declared in @ctg/shared', () => {
  const cell = (doc: Y.Doc) => fieldText(findElements(doc, 'indicatorTarget')[0]!)
  const table = (doc: Y.Doc) => findElements(doc, 'indicatorTable')[0]!

  it('refuses a title that is empty or longer than TITLE_MAX_LENGTH, and a period that is not one', () => {
    expect(verdict((doc) => writeMeta(doc, { title: 'x'.repeat(TITLE_MAX_LENGTH) }))).toBeNull()
    expect(verdict((doc) => writeMeta(doc, { title: 'x'.repeat(TITLE_MAX_LENGTH + 1) }))).toBe(
      'title must have 1 to 300 characters',
    )
    expect(verdict((doc) => writeMeta(doc, { title: '' }))).toBe('title must have 1 to 300 characters')
    expect(verdict((doc) => writeMeta(doc, { period: { start: 2030, end: 2026 } }))).toBe(
      'metadata "period" refused: end must be on or after start',
    )
    expect(verdict((doc) => writeMeta(doc, { period: { start: 2026, end: 2026 + LONGEST_PERIOD_YEARS + 1 } }))).toMatch(
      /spans at most/,
    )
    expect(verdict((doc) => writeMeta(doc, { period: { start: 1900, end: 1904 } }))).toMatch(/whole years/)
  })

  it('refuses years outside the bounds, dates that are not dates, empty ids, and a table whose years are reversed', () => {
    expect(verdict((doc) => findElements(doc, 'keyAction')[0]!.setAttribute('deadline', 2101 as never))).toBe(
      'attribute "deadline" of keyAction outside its values',
    )
    expect(verdict((doc) => findElements(doc, 'signatory')[0]!.setAttribute('mandateDate', '2026-02-30'))).toBe(
      'attribute "mandateDate" of signatory outside its values',
    )
    expect(verdict((doc) => findElements(doc, 'signatory')[0]!.setAttribute('mandateDate', '2026-02-28'))).toBeNull()
    expect(verdict((doc) => findElements(doc, 'ficheAction')[0]!.setAttribute('id', ''))).toBe(
      'attribute "id" of ficheAction outside its values',
    )
    expect(verdict((doc) => table(doc).setAttribute('startYear', 2040 as never))).toBe(
      'period of indicatorTable refused: end must be on or after start',
    )
    // both years in one change: a valid move of the whole period
    expect(
      verdict((doc) => {
        table(doc).setAttribute('endYear', 2041 as never)
        table(doc).setAttribute('startYear', 2040 as never)
      }),
    ).toBeNull()
  })

  it('refuses text longer than its limit, measured after the update: a cell, a title, a field of paragraphs', () => {
    expect(verdict((doc) => cell(doc).insert(0, 'x'.repeat(CELL_MAX_LENGTH - cell(doc).length)))).toBeNull()
    expect(verdict((doc) => cell(doc).insert(0, 'x'.repeat(CELL_MAX_LENGTH + 1 - cell(doc).length)))).toMatch(
      /^text of indicatorTarget longer than 200 characters/,
    )
    expect(
      verdict((doc) => fieldText(findElements(doc, 'ficheTitle')[0]!).insert(0, 'x'.repeat(TEXT_MAX_LENGTH))),
    ).toMatch(/^text of ficheTitle longer than 100000/)
    const objective = (doc: Y.Doc) => findElements(doc, 'ficheObjective')[0]!
    expect(
      verdict((doc) => objective(doc).insert(0, [element('paragraph', new Y.XmlText('y'.repeat(TEXT_MAX_LENGTH)))])),
    ).toMatch(/^text of ficheObjective longer than 100000/)
    // deleting from an over-long text is never refused for its length
    expect(verdict((doc) => cell(doc).delete(0, 1))).toBeNull()
  })
})

describe("findSchemaViolation: lists in a fiche's fields of paragraphs", () => {
  const list = (name: 'bulletList' | 'orderedList', ...items: string[]) =>
    element(name, ...items.map((text) => element('listItem', element('paragraph', new Y.XmlText(text)))))
  const field = (doc: Y.Doc, name = 'ficheObjective') => findElements(doc, name)[0]!

  it('accepts bullet and numbered lists, nested, in every field of paragraphs; refuses a heading or a bare item', () => {
    for (const name of [
      'ficheObjective',
      'ficheExpectedResult',
      'ficheTargetAudience',
      'ficheTerritory',
      'ficheFunding',
    ])
      expect(
        verdict((doc) => field(doc, name).insert(1, [list('bulletList', 'a', 'b')])),
        name,
      ).toBeNull()
    const nested = element(
      'orderedList',
      element('listItem', element('paragraph', new Y.XmlText('un')), list('bulletList', 'un.a')),
    )
    expect(verdict((doc) => field(doc).insert(0, [nested]))).toBeNull()
    expect(verdict((doc) => field(doc).insert(0, [element('heading', new Y.XmlText('Titre'))]))).toBe(
      'ficheObjective holding children its content expression refuses',
    )
    expect(verdict((doc) => field(doc).insert(0, [element('listItem', element('paragraph'))]))).toBe(
      'ficheObjective holding children its content expression refuses',
    )
    // single-line fields stay plain
    expect(verdict((doc) => findElements(doc, 'ficheTitle')[0]!.insert(0, [list('bulletList', 'a')]))).toBe(
      'ficheTitle holding children its content expression refuses',
    )
  })

  it("measures a list's items as part of the field's text, free-text list items each on their own", () => {
    const half = 'x'.repeat(TEXT_MAX_LENGTH / 2)
    // two items of half the limit each, plus the blank line between them and the field's paragraph: over
    expect(verdict((doc) => field(doc).insert(1, [list('bulletList', half, half)]))).toMatch(
      /^text of ficheObjective longer than 100000 characters/,
    )
    expect(verdict((doc) => field(doc).insert(1, [list('bulletList', half.slice(100), half.slice(100))]))).toBeNull()
    // in free text each item is a text of the export
    expect(
      verdict((doc) => doc.getXmlFragment(Y_FRAGMENT_NAME).insert(0, [list('bulletList', half, half, half)])),
    ).toBeNull()
  })
})

describe('findSchemaViolation: blocks a convention holds once', () => {
  it('refuses a second territory block, accepts the first', () => {
    const territory = () => element('territoryBlock', element('territoryEpci'))
    expect(verdict((doc) => doc.getXmlFragment(Y_FRAGMENT_NAME).insert(0, [territory()]))).toBeNull()
    expect(verdict((doc) => doc.getXmlFragment(Y_FRAGMENT_NAME).insert(0, [territory(), territory()]))).toBe(
      'a second territoryBlock',
    )
  })
})
