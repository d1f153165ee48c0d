import type { Convention } from '../export/conventionModel.js'
import { ID_MAX_LENGTH, ID_PREFIX, isValidId } from '../rules/idRules.js'

interface HasId {
  id: string
}

/** Every object of the export that carries an id, in document order, with the prefix of a fresh one. */
function idHolders(convention: Convention): [HasId, string][] {
  const out: [HasId, string][] = []
  for (const p of convention.parties) out.push([p, ID_PREFIX.party])
  for (const c of convention.territory?.communes ?? []) out.push([c, ID_PREFIX.commune])
  for (const block of convention.content) {
    if (block.type === 'ficheAction') {
      out.push([block, ID_PREFIX.ficheAction])
      for (const k of block.keyActions) out.push([k, ID_PREFIX.keyAction])
    } else if (block.type === 'indicatorTable') {
      out.push([block, ID_PREFIX.indicatorTable])
      for (const row of block.rows) out.push([row, ID_PREFIX.indicatorRow])
    } else if (block.type === 'signatoryBlock') {
      out.push([block, ID_PREFIX.signatoryBlock])
      for (const s of block.signatories) out.push([s, ID_PREFIX.signatory])
    } else if (block.type === 'planningTable') {
      out.push([block, ID_PREFIX.planningTable])
      for (const row of block.rows) out.push([row, ID_PREFIX.planningRow])
    } else if (block.type === 'parties') {
      out.push([block, ID_PREFIX.partiesBlock])
    } else if (block.type === 'territory') {
      out.push([block, ID_PREFIX.territoryBlock])
    }
  }
  return out
}

/**
 * Makes the export's ids unique and valid, in place: the first holder of an id keeps it, a
 * later one (two people moved the same fiche at once) or one without an id (a client
 * outside the editor) gets a derived id, `<id>-2` or `<prefix>sans-id-1`. The server's
 * SchemaRepair gives such blocks fresh ids in the document shortly after; until then the
 * export is still valid, and the same document always exports the same ids.
 */
export function uniqueExportIds(convention: Convention): void {
  const holders = idHolders(convention)
  const taken = new Set(holders.map(([h]) => h.id).filter(isValidId))
  const kept = new Set<string>()
  for (const [holder, prefix] of holders) {
    const id = holder.id as unknown
    if (isValidId(id) && !kept.has(id)) {
      kept.add(id)
      continue
    }
    const base = (isValidId(id) ? id : `${prefix}sans-id`).slice(0, ID_MAX_LENGTH - 6)
    let n = isValidId(id) ? 2 : 1
    while (taken.has(`${base}-${n}`)) n++
    holder.id = `${base}-${n}`
    taken.add(holder.id)
    kept.add(holder.id)
  }
}
