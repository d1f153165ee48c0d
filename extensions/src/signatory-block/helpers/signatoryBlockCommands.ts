import type { Schema } from '@tiptap/pm/model'
import type { Transaction } from '@tiptap/pm/state'
import {
  emptySignatory,
  emptySignatoryBlock,
  importSignatory,
  importSignatoryBlock,
  type SignatoryKind,
} from '@ctg/shared'
import { insertBlock } from '../../helpers/insertBlock.js'
import { insertEntry } from '../../helpers/insertEntry.js'
import { nodeAtOfType } from '../../helpers/nodePositions.js'

/** Transaction helpers behind the signatory block commands; usable without a view. */

export function insertSignatoryBlock(tr: Transaction, schema: Schema): boolean {
  return insertBlock(tr, schema.nodeFromJSON(importSignatoryBlock(emptySignatoryBlock())))
}

export function addSignatory(
  tr: Transaction,
  schema: Schema,
  blockPos: number,
  kind?: SignatoryKind,
  index?: number,
): boolean {
  if (!nodeAtOfType(tr, blockPos, 'signatoryBlock')) return false
  return insertEntry(tr, blockPos, schema.nodeFromJSON(importSignatory(emptySignatory(kind))), index)
}
