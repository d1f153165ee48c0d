import { SIGNATORY_KIND_LABELS, THEME_LABELS, type SignatoryKind, type Theme } from '@ctg/shared'
import type { Node as PMNode } from '@tiptap/pm/model'
import type { EditorState } from '@tiptap/pm/state'
import { numberAt } from '../editor/BlockNumbering.js'

const text = (node: PMNode | null | undefined) => node?.textContent.trim() ?? ''
const named = (kind: string, name: string, quoted = false) =>
  name ? `${kind} ${quoted ? `« ${name} »` : `— ${name}`}` : kind

/** The heading of the free-text section that holds `pos`, if any. */
function sectionLabel(doc: PMNode, pos: number): string {
  let heading = ''
  doc.forEach((block, offset) => {
    if (offset <= pos && block.type.name === 'heading') heading = text(block)
  })
  return heading ? `Section « ${heading} »` : 'Texte de la convention'
}

/**
 * The name of the place that holds `pos` (a position inside it), as the comments panel
 * shows it: the block, then the entry ("Fiche action n°3 — Parentalité › Action clé 3.2").
 */
export function anchorLabel(state: EditorState, pos: number): string {
  const doc = state.doc
  const $pos = doc.resolve(Math.min(Math.max(pos, 0), doc.content.size))
  const parts: string[] = []
  for (let depth = 1; depth <= $pos.depth; depth++) {
    const node = $pos.node(depth)
    switch (node.type.name) {
      case 'ficheAction': {
        const fiche = numberAt(state, $pos.before(depth)) ?? '?'
        const theme = node.child(1).attrs.theme as Theme | null
        parts.push(named(`Fiche action n°${fiche}`, text(node.child(0)) || (theme ? THEME_LABELS[theme] : '')))
        break
      }
      case 'keyAction':
        parts.push(named(`Action clé ${numberAt(state, $pos.before(depth)) ?? '?'}`, text(node.child(0))))
        break
      case 'indicatorTable':
        parts.push(named('Tableau d’indicateurs', text(node.child(0))))
        break
      case 'indicatorRow':
        parts.push(named('Indicateur', text(node.child(0)), true))
        break
      case 'signatoryBlock':
        parts.push('Signatures')
        break
      case 'signatory': {
        const kind = (node.attrs.kind as SignatoryKind | null) ?? 'autre'
        parts.push(`Signataire — ${text(node.child(0)) || SIGNATORY_KIND_LABELS[kind]}`)
        break
      }
    }
  }
  return parts.length ? parts.join(' › ') : sectionLabel(doc, pos)
}
