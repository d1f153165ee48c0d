import type { ActivityBlock, Convention } from '@ctg/shared'

/** Free text (headings, paragraphs, lists) is one kind of block for the activity log. */
const FREE_TEXT = new Set(['heading', 'paragraph', 'list'])

/** How the activity log names a top-level block: its type, and the number and title the export gives it. */
export function describeBlock(convention: Convention, index: number): ActivityBlock {
  const block = convention.content[index]
  if (!block || FREE_TEXT.has(block.type)) return { type: 'text' }
  switch (block.type) {
    case 'ficheAction':
      return { type: block.type, number: block.number, title: block.title }
    case 'signatoryBlock':
      // a signatory not named yet is left out
      return {
        type: block.type,
        organisations: block.signatories.map((s) => s.organisation.trim()).filter(Boolean),
      }
    default:
      return 'title' in block && typeof block.title === 'string'
        ? { type: block.type, title: block.title }
        : { type: block.type }
  }
}
