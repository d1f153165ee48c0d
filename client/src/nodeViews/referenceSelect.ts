import type { Editor } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { el, select } from './dom.js'

/** What a reference may point to: the parties block's parties, and the territory's communes. */
type ReferenceKind = 'party' | 'commune'

const GROUP_LABELS: Record<ReferenceKind, string> = { party: 'Parties', commune: 'Communes' }
const UNNAMED: Record<ReferenceKind, string> = { party: 'Partie sans nom', commune: 'Commune sans nom' }

function referencesIn(doc: PMNode, kind: ReferenceKind): { id: string; name: string }[] {
  const found: { id: string; name: string }[] = []
  doc.descendants((node) => {
    if (node.type.name === kind && typeof node.attrs.id === 'string')
      found.push({ id: node.attrs.id, name: node.firstChild?.textContent.trim() || UNNAMED[kind] })
    // parties and communes are entries of top-level blocks: no need to look deeper
    return node.type.name === 'doc' || node.type.name === 'partiesBlock' || node.type.name === 'territoryBlock'
  })
  return found
}

/**
 * A select of the parties (and communes) the convention names, read from the document when
 * it opens, so that a party added by someone else a moment ago is there. Hidden while the
 * convention names none and nothing is chosen.
 */
export function referenceSelect(
  editor: Editor,
  label: string,
  kinds: readonly ReferenceKind[],
  onChange: (id: string | null) => void,
  extra: { empty: string; className: string; testId: string },
) {
  const control = select(label, [], onChange, extra)
  let current: string | null = null
  const fill = () => {
    const groups = kinds
      .map((kind) => ({ kind, items: referencesIn(editor.state.doc, kind) }))
      .filter((g) => g.items.length > 0)
    const option = (item: { id: string; name: string }) => el('option', { value: item.id }, item.name)
    control.input.replaceChildren(
      el('option', { value: '' }, extra.empty),
      ...(groups.length === 1
        ? groups[0]!.items.map(option)
        : groups.map((g) => el('optgroup', { label: GROUP_LABELS[g.kind] }, ...g.items.map(option)))),
    )
    control.input.value = current ?? ''
    control.wrapper.hidden = groups.length === 0 && !current
  }
  control.input.addEventListener('focus', fill)
  control.input.addEventListener('mousedown', fill)
  return {
    wrapper: control.wrapper,
    input: control.input,
    /** shows the node's current reference (called on each render) */
    set(id: string | null) {
      current = id
      fill()
    },
  }
}
