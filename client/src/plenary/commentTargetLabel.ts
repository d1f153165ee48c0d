import type { PlenaryComment } from './plenaryTypes.js'
import { ficheName, type FicheOutline } from './yContent.js'

/** What a comment is about, named as the document has it now: the fiche or key action, then the quote. */
export function commentTargetLabel(comment: PlenaryComment, fiches: FicheOutline[]): string {
  const { blockId, quote, detached } = comment.anchor
  const fiche = blockId ? fiches.find((f) => f.id === blockId || f.keyActions.some((a) => a.id === blockId)) : undefined
  const action = fiche?.keyActions.find((a) => a.id === blockId)
  const where = action ? `Action clé ${action.number}` : fiche ? ficheName(fiche) : null
  // a whole block's quote is its label: shown once
  const isLabel = quote.startsWith('Fiche action') || quote.startsWith('Action clé')
  const parts = [where, isLabel && where ? null : `« ${quote} »`].filter(Boolean)
  return `${parts.join(' — ') || 'Texte libre'}${detached ? ' (passage supprimé depuis)' : ''}`
}
