/**
 * The column template shared by an indicators table's heading and rows:
 * Indicateur | Type | Unité | Source | Référence | Cible / Réalisé | one column per year | remove.
 */
export function indicatorColumns(years: number): string {
  const yearColumns = years > 0 ? ` repeat(${years}, minmax(4.5rem, 0.75fr))` : ''
  return `minmax(11rem, 2.6fr) 8.5rem minmax(5.25rem, 0.7fr) minmax(7.5rem, 1.2fr) 6.75rem 4.5rem${yearColumns} 5rem`
}
