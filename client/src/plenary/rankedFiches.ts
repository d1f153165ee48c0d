import type { RankedFiche } from './plenaryTypes.js'
import { ficheName, type FicheOutline } from './yContent.js'

export interface RankedRow {
  blockId: string
  supports: number
  /** 1 = most supported; fiches with as many supports share a rank */
  rank: number
  name: string
  /** "n°3 — Structurer une offre…": for the wall, where every character counts */
  shortName: string
  number: number | null
}

/** The server's ranking with each fiche's name as the document has it now. */
export function rankedFiches(ranking: RankedFiche[], fiches: FicheOutline[]): RankedRow[] {
  const byId = new Map(fiches.map((f) => [f.id, f]))
  let rank = 0
  let last = -1
  return ranking.map((entry, i) => {
    if (entry.supports !== last) {
      rank = i + 1
      last = entry.supports
    }
    const fiche = byId.get(entry.blockId)
    return {
      ...entry,
      rank,
      name: fiche ? ficheName(fiche) : 'Fiche supprimée',
      shortName: fiche ? `n°${fiche.number} — ${fiche.title || fiche.theme || 'sans titre'}` : 'Fiche supprimée',
      number: fiche?.number ?? null,
    }
  })
}
