import type { Convention } from '@ctg/shared'

/** What a block's layout may look up elsewhere in the convention. */
export interface LayoutContext {
  convention: Convention
  /** the title of the indicator or planning table with this id */
  tableTitle(id: string): string | null
  /** the label of the indicator or planning row with this id */
  rowLabel(id: string): string | null
  /** the name of the party or commune with this id */
  placeName(id: string): string | null
}

export function layoutContext(convention: Convention): LayoutContext {
  const titles = new Map<string, string>()
  const rows = new Map<string, string>()
  for (const block of convention.content) {
    if (block.type !== 'indicatorTable' && block.type !== 'planningTable') continue
    titles.set(block.id, block.title)
    for (const row of block.rows) rows.set(row.id, row.label)
  }
  const places = new Map<string, string>()
  for (const party of convention.parties) places.set(party.id, party.officialName)
  for (const commune of convention.territory?.communes ?? []) places.set(commune.id, commune.name)
  return {
    convention,
    tableTitle: (id) => titles.get(id) ?? null,
    rowLabel: (id) => rows.get(id) ?? null,
    placeName: (id) => places.get(id) ?? null,
  }
}
