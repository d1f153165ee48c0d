import type { Convention } from '@ctg/shared'

/** What a block's layout may look up elsewhere in the convention. */
export interface LayoutContext {
  convention: Convention
  /** the title of the table with this id, or null */
  tableTitle(id: string): string | null
}

export function layoutContext(convention: Convention): LayoutContext {
  const titles = new Map<string, string>()
  for (const block of convention.content) if ('title' in block && 'rows' in block) titles.set(block.id, block.title)
  return { convention, tableTitle: (id) => titles.get(id) ?? null }
}
