import type { z } from 'zod'
import { ficheNumber, keyActionNumber } from '../rules/numbering.js'
import type { Convention, List } from './conventionModel.js'
import { richFieldText, runsText } from './richText.js'

type Path = (string | number)[]

/** Each item of a list (and of its sublists) whose runs do not spell its text: its path under `at`. */
function listRunProblems(list: List, at: Path): Path[] {
  return list.items.flatMap((item, i) => [
    ...(item.runs && item.runs.map(runsText).join('\n\n') !== item.text ? [[...at, 'items', i, 'runs']] : []),
    ...(item.sublist ? listRunProblems(item.sublist, [...at, 'items', i, 'sublist']) : []),
  ])
}

/**
 * The rules of a convention that span several of its parts, which JSON Schema cannot say
 * (the served schema names them in its description; the import is the authority):
 * numbers in document order, unique ids, references that resolve, at most one parties
 * and one territory block (and one where there are parties or a territory), runs that
 * spell their text.
 */
export function crossCheckConvention(convention: Convention, ctx: z.RefinementCtx): void {
  const issue = (path: Path, message: string) => ctx.addIssue({ code: 'custom', path, message })

  // numbers are derived from document order: an export whose numbers are not would not come back the same
  let fiches = 0
  convention.content.forEach((block, b) => {
    if (block.type !== 'ficheAction') return
    const number = ficheNumber(fiches++)
    if (block.number !== number) issue(['content', b, 'number'], `fiche number must be ${number}`)
    block.keyActions.forEach((k, i) => {
      const expected = keyActionNumber(number, i)
      if (k.number !== expected)
        issue(['content', b, 'keyActions', i, 'number'], `key action number must be ${expected}`)
    })
  })

  // ids identify blocks and entries for comments, diffs, references and exports: they must be unique
  const seen = new Map<string, string>()
  const check = (value: string, path: Path) => {
    const first = seen.get(value)
    if (first) issue(path, `duplicate id "${value}" (also at ${first})`)
    else seen.set(value, path.join('.'))
  }
  const partyIds = new Set(convention.parties.map((p) => p.id))
  const communeIds = new Set(convention.territory?.communes.map((c) => c.id) ?? [])
  const rowIds = new Set<string>()
  convention.parties.forEach((p, i) => check(p.id, ['parties', i, 'id']))
  convention.territory?.communes.forEach((c, i) => check(c.id, ['territory', 'communes', i, 'id']))
  const places = { parties: 0, territory: 0 }
  convention.content.forEach((block, b) => {
    const at = (...rest: Path): Path => ['content', b, ...rest]
    switch (block.type) {
      case 'ficheAction':
        check(block.id, at('id'))
        block.keyActions.forEach((k, i) => check(k.id, at('keyActions', i, 'id')))
        return
      case 'indicatorTable':
      case 'planningTable':
        check(block.id, at('id'))
        block.rows.forEach((row, i) => {
          check(row.id, at('rows', i, 'id'))
          rowIds.add(row.id)
        })
        if (block.ownerId !== null && !partyIds.has(block.ownerId) && !communeIds.has(block.ownerId))
          issue(at('ownerId'), `"${block.ownerId}" is neither a party nor a commune`)
        return
      case 'signatoryBlock':
        check(block.id, at('id'))
        block.signatories.forEach((s, i) => {
          check(s.id, at('signatories', i, 'id'))
          if (s.partyId !== null && !partyIds.has(s.partyId))
            issue(at('signatories', i, 'partyId'), `"${s.partyId}" is not a party`)
        })
        return
      case 'parties':
      case 'territory':
        check(block.id, at('id'))
        if (++places[block.type] > 1) issue(at('type'), `at most one ${block.type} block`)
        return
      default:
        return
    }
  })
  if (convention.parties.length > 0 && places.parties === 0)
    issue(['parties'], 'parties need their place in the text: a { "type": "parties" } block in content')
  if ((convention.territory !== null) !== (places.territory === 1))
    issue(
      ['territory'],
      'a territory has exactly one { "type": "territory" } block in content, and only a territory has one',
    )

  // references from fiches, and runs that spell their texts
  convention.content.forEach((block, b) => {
    const at = (...rest: Path): Path => ['content', b, ...rest]
    if (block.type === 'paragraph' || block.type === 'heading') {
      if (block.runs && runsText(block.runs) !== block.text) issue(at('runs'), 'the runs must spell the text')
    }
    if (block.type === 'list')
      for (const path of listRunProblems(block, at())) issue(path, 'the runs must spell the text')
    if (block.type !== 'ficheAction') return
    block.communeIds.forEach((id, i) => {
      if (!communeIds.has(id)) issue(at('communeIds', i), `"${id}" is not a commune of the territory`)
    })
    block.indicators.items.forEach((item, i) => {
      if (item.rowId !== null && !rowIds.has(item.rowId))
        issue(at('indicators', 'items', i, 'rowId'), `"${item.rowId}" is not a row of a table`)
    })
    for (const [field, blocks] of Object.entries(block.rich ?? {})) {
      if (!blocks) continue
      const text = block[field as keyof typeof block] as string
      if (richFieldText(blocks) !== text) issue(at('rich', field), `the runs must spell the text of ${field}`)
      blocks.forEach((list, l) => {
        if (!Array.isArray(list))
          for (const path of listRunProblems(list, at('rich', field, l))) issue(path, 'the runs must spell the text')
      })
    }
  })
}
