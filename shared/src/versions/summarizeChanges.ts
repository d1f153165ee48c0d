import type { ConventionChange } from './conventionChange.js'

/** How the summary names a block type: singular, plural, feminine (for the participle). */
const BLOCK_NOUNS: Record<string, [string, string, boolean]> = {
  ficheAction: ['fiche', 'fiches', true],
  indicatorTable: ["tableau d'indicateurs", "tableaux d'indicateurs", false],
  signatoryBlock: ['bloc de signataires', 'blocs de signataires', false],
}
const ENTRY_NOUNS: Record<string, [string, string, boolean]> = {
  signatories: ['signataire', 'signataires', false],
  keyActions: ['action clé', 'actions clés', true],
  rows: ['indicateur', 'indicateurs', false],
}
const FALLBACK: [string, string, boolean] = ['bloc', 'blocs', false]
const VERBS = { added: 'ajouté', removed: 'retiré', moved: 'déplacé', changed: 'modifié' } as const

type Block = { id?: unknown; type?: unknown }

function blockTypes(...conventions: unknown[]): Map<string, string> {
  const types = new Map<string, string>()
  for (const convention of conventions) {
    const content = (convention as { content?: Block[] } | null)?.content ?? []
    for (const block of content) if (typeof block.id === 'string') types.set(block.id, String(block.type))
  }
  return types
}

function phrase(count: number, [one, many, feminine]: [string, string, boolean], verb: string) {
  const participle = verb + (feminine ? 'e' : '') + (count > 1 ? 's' : '')
  return `${count} ${count > 1 ? many : one} ${participle}`
}

/**
 * One line saying what changed, for the version list: "2 fiches modifiées, 1 signataire
 * ajouté". Entries added or removed as a whole (signatories, key actions, rows) are counted
 * as such; any other change counts its block once, as changed.
 */
export function summarizeChanges(changes: ConventionChange[], before: unknown, after: unknown): string {
  if (changes.length === 0) return 'Aucun changement'
  const types = blockTypes(before, after)
  const counts = new Map<string, { noun: [string, string, boolean]; verb: string; ids: Set<string> }>()
  const count = (key: string, noun: [string, string, boolean], verb: string, id: string) => {
    const entry = counts.get(key) ?? { noun, verb, ids: new Set<string>() }
    entry.ids.add(id)
    counts.set(key, entry)
  }
  let freeText = false
  for (const c of changes) {
    if (c.blockId === null) {
      freeText = true
      continue
    }
    const blockNoun = BLOCK_NOUNS[types.get(c.blockId) ?? ''] ?? FALLBACK
    const entryList = /^\/([^/]+)\/\d+$/.exec(c.path)?.[1]
    if (c.path === '') count(`block:${c.op}:${types.get(c.blockId)}`, blockNoun, VERBS[c.op], c.blockId)
    else if (c.entryId && entryList && (c.op === 'added' || c.op === 'removed')) {
      count(
        `entry:${entryList}:${c.op}`,
        ENTRY_NOUNS[entryList] ?? ['élément', 'éléments', false],
        VERBS[c.op],
        c.entryId,
      )
    } else count(`block:changed:${types.get(c.blockId)}`, blockNoun, VERBS.changed, c.blockId)
  }
  const parts = [...counts.values()].map(({ noun, verb, ids }) => phrase(ids.size, noun, verb))
  if (freeText) parts.push('texte modifié')
  return parts.join(', ')
}
