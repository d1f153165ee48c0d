import type { Schema } from '@tiptap/pm/model'
import type { Transaction } from '@tiptap/pm/state'
import {
  emptyFicheAction,
  emptyKeyAction,
  importFicheAction,
  importKeyAction,
  lineNode,
  type Period,
} from '@ctg/shared'
import { childPosition, nodeAtOfType } from '../../helpers/nodePositions.js'
import { insertBlock } from '../../helpers/insertBlock.js'
import { insertEntry } from '../../helpers/insertEntry.js'

/** Transaction helpers behind the fiche action commands; usable without a view. */

export function insertFicheAction(tr: Transaction, schema: Schema, period: Period | null): boolean {
  return insertBlock(tr, schema.nodeFromJSON(importFicheAction(emptyFicheAction(period))))
}

export function addKeyAction(tr: Transaction, schema: Schema, fichePos: number, index?: number): boolean {
  if (!nodeAtOfType(tr, fichePos, 'ficheAction')) return false
  const listPos = childPosition(tr, fichePos, 'ficheKeyActions')
  return insertEntry(tr, listPos, schema.nodeFromJSON(importKeyAction(emptyKeyAction())), index)
}

/** Adds an item to a list field of a fiche (partners, indicators) given the field's position. */
export function addFicheListItem(tr: Transaction, schema: Schema, fieldPos: number, index?: number): boolean {
  const field = tr.doc.nodeAt(fieldPos)
  if (!field || !['fichePartners', 'ficheIndicators'].includes(field.type.name)) return false
  return insertEntry(tr, fieldPos, schema.nodeFromJSON(lineNode('ficheListItem', '')), index)
}
