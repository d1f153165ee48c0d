import { Extension } from '@tiptap/core'
import { isStructuredBlock, topLevelOfSelection } from '@ctg/extensions'
import { conventionNodes } from '@ctg/shared'
import type { Node as PMNode } from '@tiptap/pm/model'
import {
  AllSelection,
  NodeSelection,
  Plugin,
  PluginKey,
  TextSelection,
  type EditorState,
  type Selection,
} from '@tiptap/pm/state'

const FIELD_NAMES = new Set(
  Object.entries(conventionNodes)
    .filter(([, spec]) => spec.role === 'field')
    .map(([name]) => name),
)

export type Scope = 'field' | 'block' | 'run' | 'document'
interface ScopeState {
  scope: Scope
  from: number
  to: number
}

export const selectionScopeKey = new PluginKey<ScopeState | null>('selectionScope')

/** The innermost field holding the whole selection, as a selection of its text. */
function fieldSelection(doc: PMNode, selection: Selection): Selection | null {
  const { $from, to } = selection
  for (let depth = $from.depth; depth > 1; depth--) {
    const node = $from.node(depth)
    if (!FIELD_NAMES.has(node.type.name)) continue
    const start = $from.start(depth)
    const end = $from.end(depth)
    if (to > end) return null
    return TextSelection.between(doc.resolve(start), doc.resolve(end))
  }
  return null
}

/** The run of free text (headings, paragraphs, lists) between the structured blocks around `index`. */
function freeTextRun(doc: PMNode, index: number): Selection {
  let first = index
  let last = index
  while (first > 0 && !isStructuredBlock(doc.child(first - 1))) first -= 1
  while (last < doc.childCount - 1 && !isStructuredBlock(doc.child(last + 1))) last += 1
  let from = 0
  for (let i = 0; i < first; i++) from += doc.child(i).nodeSize
  let to = from
  for (let i = first; i <= last; i++) to += doc.child(i).nodeSize
  return TextSelection.between(doc.resolve(from), doc.resolve(to))
}

const same = (a: Selection, b: Selection) => a.from === b.from && a.to === b.to

/** What Ctrl+A selects next, from the selection and what the previous Ctrl+A selected. */
export function nextScope(state: EditorState): { selection: Selection; scope: Scope } | null {
  const { doc, selection } = state
  const previous = selectionScopeKey.getState(state)
  const current = previous && previous.from === selection.from && previous.to === selection.to ? previous.scope : null
  const top = topLevelOfSelection(doc, selection)
  if (!top) return null

  if (isStructuredBlock(top.node)) {
    const block = NodeSelection.create(doc, top.pos)
    // from inside a block, never further than the block
    if (current === 'block' || current === 'field' || same(selection, block))
      return { selection: block, scope: 'block' }
    const field = fieldSelection(doc, selection)
    if (!field || (!selection.empty && same(selection, field))) return { selection: block, scope: 'block' }
    return { selection: field, scope: 'field' }
  }

  const all = new AllSelection(doc)
  if (current === 'run' || current === 'document' || same(selection, all)) return { selection: all, scope: 'document' }
  const run = freeTextRun(doc, top.index)
  if (!selection.empty && same(selection, run)) return { selection: all, scope: 'document' }
  return { selection: run, scope: 'run' }
}

/** Remembers what the last Ctrl+A selected, mapped through changes, so the next one goes one step further. */
export function selectionScopePlugin(): Plugin<ScopeState | null> {
  return new Plugin<ScopeState | null>({
    key: selectionScopeKey,
    state: {
      init: () => null,
      apply: (tr, previous) => {
        const meta = tr.getMeta(selectionScopeKey) as ScopeState | undefined
        if (meta) return meta
        if (!previous || !tr.docChanged) return previous
        return { ...previous, from: tr.mapping.map(previous.from), to: tr.mapping.map(previous.to, -1) }
      },
    },
  })
}

/** The transaction Ctrl+A dispatches, or null when there is nothing to select. */
export function selectScope(state: EditorState) {
  const next = nextScope(state)
  if (!next) return null
  const { selection, scope } = next
  return state.tr.setSelection(selection).setMeta(selectionScopeKey, { scope, from: selection.from, to: selection.to })
}

/**
 * Ctrl+A selects what the caret is in, one step at a time: inside a block, the
 * field's text, then the whole block (never further); in free text, the text
 * between the neighbouring blocks, then the whole document. So Ctrl+A and a key
 * change one field, not the whole convention.
 */
export const SelectionScope = Extension.create({
  name: 'selectionScope',
  // before Tiptap's own Mod-a (select all)
  priority: 1000,

  addProseMirrorPlugins() {
    return [selectionScopePlugin()]
  },

  addKeyboardShortcuts() {
    return {
      'Mod-a': ({ editor }) => {
        const tr = selectScope(editor.state)
        if (!tr) return false
        editor.view.dispatch(tr)
        return true
      },
    }
  },
})
