import type { Convention } from '../export/conventionModel.js'
import { THEME_LABELS } from '../schema/labels.js'

const label = (kind: string, name: string) => (name.trim() ? `${kind} — ${name.trim()}` : kind)

/**
 * The name of every block and entry of a convention, by id, as the comments panel and
 * the quote of a whole-block thread show it ("Fiche action n°3 — Parentalité").
 */
export function blockLabels(
  convention: Pick<Convention, 'content'> & Partial<Pick<Convention, 'parties' | 'territory'>>,
): Map<string, string> {
  const labels = new Map<string, string>()
  const parties = convention.parties ?? []
  const communes = convention.territory?.communes ?? []
  for (const block of convention.content) {
    if (block.type === 'ficheAction') {
      const main = block.theme.codes[0]
      const name = block.title || (main ? THEME_LABELS[main] : block.theme.label)
      labels.set(block.id, label(`Fiche action n°${block.number}`, name))
      for (const action of block.keyActions) labels.set(action.id, label(`Action clé ${action.number}`, action.label))
    } else if (block.type === 'indicatorTable') {
      labels.set(block.id, label("Tableau d'indicateurs", block.title))
      for (const row of block.rows) labels.set(row.id, label('Indicateur', row.label))
    } else if (block.type === 'signatoryBlock') {
      labels.set(block.id, 'Signataires')
      for (const s of block.signatories) labels.set(s.id, label('Signataire', s.organisation || s.name))
    } else if (block.type === 'planningTable') {
      labels.set(block.id, label('Tableau de programmation', block.title))
      for (const row of block.rows) labels.set(row.id, label('Offre', row.label))
    } else if (block.type === 'parties') {
      labels.set(block.id, 'Parties')
      for (const p of parties) labels.set(p.id, label('Partie', p.officialName))
    } else if (block.type === 'territory') {
      labels.set(block.id, 'Territoire')
      for (const c of communes) labels.set(c.id, label('Commune', c.name))
    }
  }
  return labels
}
