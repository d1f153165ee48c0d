import type { Convention } from '../export/conventionModel.js'
import { THEME_LABELS } from '../schema/labels.js'

const label = (kind: string, name: string) => (name.trim() ? `${kind} — ${name.trim()}` : kind)

/**
 * The name of every block and entry of a convention, by id, as the comments panel and
 * the quote of a whole-block thread show it ("Fiche action n°3 — Parentalité").
 */
export function blockLabels(convention: Pick<Convention, 'content'>): Map<string, string> {
  const labels = new Map<string, string>()
  for (const block of convention.content) {
    if (block.type === 'ficheAction') {
      const name = block.title || (block.theme.code ? THEME_LABELS[block.theme.code] : block.theme.label)
      labels.set(block.id, label(`Fiche action n°${block.number}`, name))
      for (const action of block.keyActions) labels.set(action.id, label(`Action clé ${action.number}`, action.label))
    } else if (block.type === 'indicatorTable') {
      labels.set(block.id, label("Tableau d'indicateurs", block.title))
      for (const row of block.rows) labels.set(row.id, label('Indicateur', row.label))
    } else if (block.type === 'signatoryBlock') {
      labels.set(block.id, 'Signataires')
      for (const s of block.signatories) labels.set(s.id, label('Signataire', s.organisation || s.name))
    }
  }
  return labels
}
