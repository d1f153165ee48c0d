import type { RankingEntry } from '@ctg/shared'

/** Every fiche with its supports, highest first, ties in document order (a stable sort). */
export function rankFiches(ficheIds: string[], counts: Map<string, number>): RankingEntry[] {
  return ficheIds
    .map((blockId) => ({ blockId, supports: counts.get(blockId) ?? 0 }))
    .sort((a, b) => b.supports - a.supports)
}
