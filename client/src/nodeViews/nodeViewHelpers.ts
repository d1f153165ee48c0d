import type { Editor } from '@tiptap/core'
import type { Node as PMNode, NodeType } from '@tiptap/pm/model'
import { Selection } from '@tiptap/pm/state'
import type { Decoration, NodeView, ViewMutationRecord } from '@tiptap/pm/view'
import type { BlockPlace } from '../editor/BlockNumbering.js'
import { el } from './dom.js'

export type GetPos = () => number | undefined

/**
 * What every structured node view shares: ProseMirror ignores what happens in its
 * uneditable parts (controls and labels) and handles everything inside `contentDOM`.
 */
export function controlIsolation(contentDOM: HTMLElement | null): Pick<NodeView, 'stopEvent' | 'ignoreMutation'> {
  return {
    stopEvent(event: Event) {
      const target = event.target
      if (!(target instanceof Node)) return false
      if (contentDOM?.contains(target)) return false
      const element = target instanceof Element ? target : target.parentElement
      return !!element?.closest('[contenteditable="false"]')
    },
    ignoreMutation(mutation: ViewMutationRecord) {
      if (mutation.type === 'selection') return false
      return !contentDOM?.contains(mutation.target)
    },
  }
}

/** Sets attributes of the node at `getPos()` in one transaction (they sync through Yjs like text). */
export function setNodeAttrs(editor: Editor, getPos: GetPos, attrs: Record<string, unknown>): void {
  const pos = getPos()
  if (typeof pos !== 'number' || !editor.isEditable) return
  const tr = editor.state.tr
  for (const [name, value] of Object.entries(attrs)) tr.setNodeAttribute(pos, name, value)
  editor.view.dispatch(tr)
}

/** Puts the caret in the first text field found from `pos` onwards and brings it into view. */
export function focusFieldFrom(editor: Editor, pos: number): void {
  const { state } = editor
  const selection = Selection.findFrom(state.doc.resolve(Math.min(Math.max(pos, 0), state.doc.content.size)), 1, true)
  if (selection) editor.view.dispatch(state.tr.setSelection(selection).scrollIntoView())
  editor.view.focus()
}

/** The position just before the end of the node at `pos`: where an entry is appended. */
export function endOfNode(editor: Editor, pos: number): number | null {
  const node = editor.state.doc.nodeAt(pos)
  return node ? pos + node.nodeSize - 1 : null
}

/** The derived number ("3", "3.2") that BlockNumbering puts on a fiche or key action. */
export function numberFrom(decorations: readonly Decoration[]): string | null {
  for (const decoration of decorations) {
    const number = (decoration.spec as { number?: string }).number
    if (number) return number
  }
  return null
}

/** Where BlockNumbering says a structured block stands (its heading level, its rank among its kind). */
export function placeFrom(decorations: readonly Decoration[]): BlockPlace {
  for (const decoration of decorations) {
    const place = (decoration.spec as { place?: BlockPlace }).place
    if (place) return place
  }
  return { headingLevel: 2, ordinal: 1, ofKind: 1 }
}

/**
 * A block's heading. Its level follows the document's headings before the block (heading
 * levels must not skip), so it changes as headings are edited: an ARIA heading, whose level
 * is an attribute, rather than an <hN> element that would have to be replaced.
 */
export function blockHeading(className: string, ...children: (Node | string)[]): HTMLElement {
  const heading = el('div', { class: className, role: 'heading', 'aria-level': 2 })
  heading.append(...children)
  return heading
}

/** True when a field has nothing typed in it (a line, or paragraphs that are all empty). */
export function isEmptyField(node: PMNode): boolean {
  return node.textContent === '' && node.childCount <= 1 && !node.firstChild?.childCount
}

/** Mirrors the node's scalar attributes as data-* attributes, as the headless renderHTML does. */
export function mirrorAttributes(dom: HTMLElement, node: PMNode): void {
  for (const [name, value] of Object.entries(node.attrs)) {
    const dataName = `data-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
    if (value === null || value === undefined) dom.removeAttribute(dataName)
    else dom.setAttribute(dataName, String(value))
  }
}

/**
 * The NodeView every structured node returns: ProseMirror ignores its controls,
 * and an update of the same node type is applied in place (`onUpdate`) rather than
 * redrawing the element, so the caret and the controls' state survive remote edits.
 */
export function structuredNodeView(
  type: NodeType,
  dom: HTMLElement,
  contentDOM: HTMLElement,
  onUpdate: (updated: PMNode, decorations: readonly Decoration[]) => void,
): NodeView {
  return {
    dom,
    contentDOM,
    ...controlIsolation(contentDOM),
    update(updated, decorations) {
      if (updated.type !== type) return false
      onUpdate(updated, decorations)
      return true
    },
  }
}

/** The node's label as the kit was given it (`ConventionKit.configure({ labels })`, French by default). */
export function labelOf(extension: { options: unknown }): string {
  return (extension.options as { label: string }).label
}
