import type { Convention } from '@ctg/shared'

/** How the activity log names a top-level block: as the export numbers and titles it. */
export function describeBlock(convention: Convention, index: number): string {
  const block = convention.content[index]
  if (!block) return 'texte libre'
  switch (block.type) {
    case 'ficheAction':
      return `Fiche action n°${block.number} ${block.title}`.trim()
    case 'indicatorTable':
      return `Tableau ${block.title}`.trim()
    case 'signatoryBlock':
      // a signatory not named yet is left out, rather than leave "Signataires , "
      return `Signataires ${block.signatories
        .map((s) => s.organisation.trim())
        .filter(Boolean)
        .join(', ')}`.trim()
    default:
      return 'texte libre'
  }
}
