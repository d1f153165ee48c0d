import type { ActivityAction, ActivityBlock, ActivityEntry } from '@ctg/shared'

/**
 * The stored `detail` of an entry as the API serves it. Entries written before details were
 * typed named a changed block with a French label (`describeBlock` then: "Fiche action n°3
 * Titre", "Tableau Titre", "Signataires A, B", "texte libre"); they are read into the typed
 * form here, so that no client parses French. Rows are never rewritten: the log is append-only.
 */
export function activityDetail(action: ActivityAction, detail: Record<string, unknown>): ActivityEntry['detail'] {
  if (action === 'changed' && typeof detail.block === 'string') return { ...detail, block: legacyBlock(detail.block) }
  return detail as ActivityEntry['detail']
}

function legacyBlock(label: string): ActivityBlock {
  const fiche = /^Fiche action n°(\d+)\s*(.*)$/.exec(label)
  if (fiche) return { type: 'ficheAction', number: Number(fiche[1]), title: fiche[2]! }
  const table = /^Tableau\s*(.*)$/.exec(label)
  if (table) return { type: 'indicatorTable', title: table[1]! }
  const signatories = /^Signataires\s*(.*)$/.exec(label)
  if (signatories) {
    // signatories not named yet left empty names: "Signataires , "
    const organisations = signatories[1]!
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean)
    return { type: 'signatoryBlock', organisations }
  }
  if (label === 'texte libre' || label === 'bloc') return { type: 'text' }
  return { type: 'text', title: label }
}
