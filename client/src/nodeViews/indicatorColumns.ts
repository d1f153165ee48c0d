/**
 * The column template shared by an indicators table's heading and rows:
 * Indicateur | Type | Unité | Source | Référence | Cible / Réalisé | one column per year | remove.
 * Text columns are never narrower than their longest word (CSS gives each cell its floor
 * too): words stay whole, and a table wider than the screen scrolls in its frame.
 */
export function indicatorColumns(years: number): string {
  const yearColumns = years > 0 ? ` repeat(${years}, minmax(min-content, 0.75fr))` : ''
  return `minmax(min-content, 2.6fr) 8.5rem minmax(min-content, 0.7fr) minmax(min-content, 1.2fr) minmax(min-content, 6.75rem) 4.5rem${yearColumns} 5rem`
}
