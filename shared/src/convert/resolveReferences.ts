import type { Convention } from '../export/conventionModel.js'

/**
 * References that name nothing any more read as none, in place: a party deleted while
 * someone bound a signatory to it, a commune removed from the territory, a table row
 * deleted while a fiche linked it. The document keeps the reference (it may come back
 * with an undo); the export stays valid.
 */
export function resolveReferences(convention: Convention): void {
  const parties = new Set(convention.parties.map((p) => p.id))
  const communes = new Set(convention.territory?.communes.map((c) => c.id) ?? [])
  const rows = new Set<string>()
  for (const block of convention.content) {
    if (block.type === 'indicatorTable' || block.type === 'planningTable')
      for (const row of block.rows) rows.add(row.id)
  }
  for (const block of convention.content) {
    if (block.type === 'indicatorTable' || block.type === 'planningTable') {
      if (block.ownerId !== null && !parties.has(block.ownerId) && !communes.has(block.ownerId)) block.ownerId = null
    } else if (block.type === 'signatoryBlock') {
      for (const s of block.signatories) if (s.partyId !== null && !parties.has(s.partyId)) s.partyId = null
    } else if (block.type === 'ficheAction') {
      block.communeIds = [...new Set(block.communeIds.filter((id) => communes.has(id)))]
      for (const item of block.indicators.items) if (item.rowId !== null && !rows.has(item.rowId)) item.rowId = null
    }
  }
}
