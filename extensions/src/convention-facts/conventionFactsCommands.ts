import type { Node as PMNode, Schema } from '@tiptap/pm/model'
import type { Transaction } from '@tiptap/pm/state'
import {
  createId,
  ID_PREFIX,
  importCommune,
  importParty,
  importPartiesBlock,
  importPlanningRow,
  importPlanningTable,
  importTerritoryBlock,
  parseCommuneList,
  parseCellValue,
  yearsOf,
  type Party,
  type PartyKind,
  type Period,
  type PlanningRow,
  type PlanningTableBlock,
} from '@ctg/shared'
import { insertBlock } from '../helpers/insertBlock.js'
import { insertEntry } from '../helpers/insertEntry.js'
import { nodeAtOfType } from '../helpers/nodePositions.js'

/** Transaction helpers behind the parties, territory and planning commands; usable without a view. */

export function emptyParty(kind: PartyKind = 'autre'): Party {
  return {
    id: createId(ID_PREFIX.party),
    kind,
    officialName: '',
    siren: null,
    representative: { function: '', name: '' },
    deliberation: { body: '', date: null },
  }
}

/** Whether the document already has a block of this type (parties and territory are held once). */
export function hasTopLevel(doc: PMNode, type: string): boolean {
  let found = false
  doc.forEach((child) => (found ||= child.type.name === type))
  return found
}

export function insertPartiesBlock(tr: Transaction, schema: Schema): boolean {
  if (hasTopLevel(tr.doc, 'partiesBlock')) return false
  const block = importPartiesBlock(createId(ID_PREFIX.partiesBlock), [emptyParty('caf'), emptyParty('epci')])
  return insertBlock(tr, schema.nodeFromJSON(block))
}

export function addParty(tr: Transaction, schema: Schema, blockPos: number, kind?: PartyKind): boolean {
  if (!nodeAtOfType(tr, blockPos, 'partiesBlock')) return false
  return insertEntry(tr, blockPos, schema.nodeFromJSON(importParty(emptyParty(kind))))
}

export function insertTerritoryBlock(tr: Transaction, schema: Schema): boolean {
  if (hasTopLevel(tr.doc, 'territoryBlock')) return false
  const block = importTerritoryBlock(createId(ID_PREFIX.territoryBlock), {
    epci: { name: '', siren: null },
    communes: [],
  })
  return insertBlock(tr, schema.nodeFromJSON(block))
}

/** Adds the communes of a pasted list (names, optionally with INSEE codes) that the block does not name yet. */
export function addCommunes(tr: Transaction, schema: Schema, blockPos: number, pasted: string): number {
  const block = nodeAtOfType(tr, blockPos, 'territoryBlock')
  if (!block) return 0
  const known = new Set<string>()
  block.forEach((child) => {
    if (child.type.name === 'commune') known.add(child.textContent.trim().toLowerCase())
  })
  const added = parseCommuneList(pasted).filter((c) => !known.has(c.name.toLowerCase()))
  for (const commune of added) {
    insertEntry(tr, blockPos, schema.nodeFromJSON(importCommune({ id: createId(ID_PREFIX.commune), ...commune })))
  }
  return added.length
}

export function emptyPlanningRow(period: Period): PlanningRow {
  const blank = parseCellValue('')
  return {
    id: createId(ID_PREFIX.planningRow),
    label: '',
    unit: '',
    existingAtSignature: blank,
    years: yearsOf(period).map((year) => ({ year, planned: blank, achieved: blank })),
  }
}

export function insertPlanningTable(tr: Transaction, schema: Schema, period: Period): boolean {
  const table: PlanningTableBlock = {
    type: 'planningTable',
    id: createId(ID_PREFIX.planningTable),
    title: '',
    period: { ...period },
    ownerId: null,
    rows: [emptyPlanningRow(period)],
  }
  return insertBlock(tr, schema.nodeFromJSON(importPlanningTable(table)))
}

export function addPlanningRow(tr: Transaction, schema: Schema, tablePos: number): boolean {
  const table = nodeAtOfType(tr, tablePos, 'planningTable')
  if (!table) return false
  const { startYear, endYear } = table.attrs as { startYear: number | null; endYear: number | null }
  if (startYear === null || endYear === null) return false
  return insertEntry(
    tr,
    tablePos,
    schema.nodeFromJSON(importPlanningRow(emptyPlanningRow({ start: startYear, end: endYear }))),
  )
}
