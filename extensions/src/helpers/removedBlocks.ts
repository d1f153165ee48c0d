import type { Node as PMNode } from '@tiptap/pm/model'

/** Transaction meta set by a removal the person has already confirmed (the blocks' delete control). */
export const CONFIRMED_BLOCK_REMOVAL = 'ctgConfirmedBlockRemoval'

/** How many entries a freshly inserted block holds (see `@ctg/shared` emptyBlocks): more is content. */
const DEFAULT_ENTRIES: Record<string, Record<string, number>> = {
  ficheAction: { ficheKeyActions: 1, fichePartners: 1, ficheIndicators: 1 },
  indicatorTable: { indicatorRow: 1 },
  signatoryBlock: { signatory: 2 },
}

/** True for a top-level structured block (fiche action, indicators table, signatory block). */
export function isStructuredBlock(node: PMNode): boolean {
  return node.type.spec.group === 'ctgBlock'
}

/**
 * A block is non-empty when it holds any text, or more rows or entries than the
 * empty block inserted from the menu (so a template table with labelled rows is
 * non-empty, a fiche just inserted by mistake is not).
 */
export function isNonEmptyBlock(block: PMNode): boolean {
  if (block.textContent.trim() !== '') return true
  const defaults = DEFAULT_ENTRIES[block.type.name]
  if (!defaults) return false
  if (block.type.name === 'ficheAction') {
    let more = false
    block.forEach((field) => {
      const expected = defaults[field.type.name]
      if (expected !== undefined && field.childCount > expected) more = true
    })
    return more
  }
  const [entryType, expected] = Object.entries(defaults)[0]!
  let entries = 0
  block.forEach((child) => {
    if (child.type.name === entryType) entries += 1
  })
  return entries > expected
}

export interface BlockRef {
  /** position of the block in the document it was read from */
  pos: number
  node: PMNode
  /** its id, or a key made of its type and index among blocks without one */
  key: string
}

/** The top-level structured blocks of a document, in order, keyed by id. */
export function topLevelBlocks(doc: PMNode): BlockRef[] {
  const out: BlockRef[] = []
  let withoutId = 0
  doc.forEach((node, pos) => {
    if (!isStructuredBlock(node)) return
    const id = node.attrs.id as string | null
    out.push({ pos, node, key: id ?? `${node.type.name}#${withoutId++}` })
  })
  return out
}

/**
 * The non-empty structured blocks of `before` that are gone from `after`: what a
 * change would remove. Blocks are matched by id, so a moved block (deleted and
 * inserted again with its id in one transaction) is not removed.
 */
export function removedNonEmptyBlocks(before: PMNode, after: PMNode): BlockRef[] {
  if (before === after) return []
  const kept = new Set(topLevelBlocks(after).map((block) => block.key))
  return topLevelBlocks(before).filter((block) => !kept.has(block.key) && isNonEmptyBlock(block.node))
}
