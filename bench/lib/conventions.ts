import { editorSchema } from '@ctg/extensions'
import { writeConvention, type Convention, type ConventionBlock, type FicheActionBlock } from '@ctg/shared'
import type { IndicatorTableBlock, SignatoryBlockBlock } from '@ctg/shared'
import { Y_DOC_OPTIONS } from '@ctg/server'
import * as Y from 'yjs'
import { largeConvention } from '../../tests/fixtures/conventionFixtures.js'

/**
 * The seed of the fan-out, durability and idle benchmarks: the tests' realistic convention
 * (parties, articles, 6 fiches actions, 2 indicator tables, 13 signatories).
 */
export function realisticConvention(): Convention {
  return largeConvention()
}

/** A convention as one Yjs update, written the way ConventionService writes a new one. */
export function encodeConvention(convention: Convention): Uint8Array {
  const ydoc = new Y.Doc(Y_DOC_OPTIONS)
  writeConvention(ydoc, editorSchema, convention)
  const state = Y.encodeStateAsUpdate(ydoc)
  ydoc.destroy()
  return state
}

function blocksOf<T extends ConventionBlock['type']>(convention: Convention, type: T) {
  return convention.content.filter((b) => b.type === type) as Extract<ConventionBlock, { type: T }>[]
}

/**
 * A convention at the top of the range we expect: `fiches` fiches actions, `tables` indicator
 * tables and `signatories` signatories (defaults 80 / 10 / 20, about 40 pages), built by
 * repeating the realistic convention's blocks with fresh ids so that the schema check passes.
 */
export function bigConvention({ fiches = 80, tables = 10, signatories = 20 } = {}): Convention {
  const base = largeConvention()
  const baseFiches = blocksOf(base, 'ficheAction')
  const baseTables = blocksOf(base, 'indicatorTable')
  const baseSignatories = blocksOf(base, 'signatoryBlock')[0]!.signatories
  const clone = <T>(value: T): T => structuredClone(value)

  const tableBlocks: IndicatorTableBlock[] = Array.from({ length: tables }, (_, j) => {
    const table = clone(baseTables[j % baseTables.length]!)
    table.id = `it-${j + 1}`
    table.title = `${table.title} — axe ${j + 1}`
    table.rows.forEach((row, k) => (row.id = `ir-${j + 1}-${k + 1}`))
    return table
  })
  const ficheBlocks: FicheActionBlock[] = Array.from({ length: fiches }, (_, i) => {
    const fiche = clone(baseFiches[i % baseFiches.length]!)
    fiche.id = `fa-${i + 1}`
    fiche.number = i + 1
    fiche.keyActions.forEach((action, k) => {
      action.id = `ka-${i + 1}-${k + 1}`
      action.number = `${i + 1}.${k + 1}`
    })
    fiche.indicators.tableId = tables > 0 ? `it-${(i % tables) + 1}` : null
    return fiche
  })
  const signatoryBlock: SignatoryBlockBlock = {
    type: 'signatoryBlock',
    id: 'sb-1',
    signatories: Array.from({ length: signatories }, (_, s) => ({
      ...clone(baseSignatories[s % baseSignatories.length]!),
      id: `sg-${s + 1}`,
    })),
  }

  // the text of the convention (parties, preamble, articles) once, then the annexes: one axis
  // heading per indicator table, its fiches, then its table
  const text = base.content.filter((b) => b.type === 'heading' || b.type === 'paragraph' || b.type === 'list')
  const axes = Math.max(1, tables)
  const annexes: ConventionBlock[] = []
  for (let a = 0; a < axes; a++) {
    annexes.push({ type: 'heading', level: 3, text: `Axe ${a + 1}` })
    annexes.push(...ficheBlocks.filter((_, i) => i % axes === a))
    if (tableBlocks[a]) annexes.push(tableBlocks[a]!)
  }
  // fiches are numbered in document order (the import checks it since export format 2)
  let number = 0
  for (const block of annexes) {
    if (block.type !== 'ficheAction') continue
    block.number = ++number
    block.keyActions.forEach((action, k) => (action.number = `${number}.${k + 1}`))
  }
  return {
    ...base,
    title: `${base.title} (grande convention)`,
    content: [...text, signatoryBlock, { type: 'heading', level: 1, text: 'Annexes — plan d’actions' }, ...annexes],
  }
}

/** Characters of text in the export (what a reader reads), to estimate pages. */
export function textLength(convention: Convention): number {
  let length = 0
  const walk = (value: unknown, key = ''): void => {
    if (typeof value === 'string') {
      if (!['type', 'id', 'format', 'code', 'kind', 'status', 'civility'].includes(key)) length += value.length
    } else if (Array.isArray(value)) value.forEach((v) => walk(v, key))
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k)
  }
  walk(convention.content)
  return length
}

/** A dense A4 page of administrative French: about 3,000 characters with spaces (a "feuillet" is 1,500). */
export const CHARACTERS_PER_PAGE = 3000
