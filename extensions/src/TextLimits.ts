import { Extension } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { TEXT_FIELD_NAMES, textLimitOf } from '@ctg/shared'

/** The length of a node's text as the export writes it (see `rules/textLimits.ts`). */
export function exportedTextLength(node: PMNode): number {
  if (node.inlineContent) {
    let length = 0
    node.forEach((child) => (length += child.isText ? child.text!.length : child.type.name === 'hardBreak' ? 1 : 0))
    return length
  }
  const paragraphs: PMNode[] = []
  node.forEach((child) => {
    if (child.type.name === 'paragraph' || child.type.name === 'heading') paragraphs.push(child)
  })
  return paragraphs.reduce((sum, p) => sum + exportedTextLength(p), 0) + 2 * Math.max(0, paragraphs.length - 1)
}

/** The position and node of the text holder (field, list item, top-level textblock) around `pos`, or null. */
function holderAt(doc: PMNode, pos: number): { pos: number; node: PMNode } | null {
  const $pos = doc.resolve(Math.min(pos, doc.content.size))
  for (let depth = $pos.depth; depth >= 1; depth--) {
    const node = $pos.node(depth)
    if (TEXT_FIELD_NAMES.has(node.type.name) || node.type.name === 'listItem' || depth === 1)
      return node.isTextblock || TEXT_FIELD_NAMES.has(node.type.name) || node.type.name === 'listItem'
        ? { pos: $pos.before(depth), node }
        : null
  }
  return null
}

/** Whether `tr` makes a text longer than its limit (and longer than it was). */
export function passesTextLimit(tr: Transaction): boolean {
  const inverse = tr.mapping.invert()
  let over = false
  tr.mapping.maps.forEach((map, i) => {
    map.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
      // the step's range, carried to the final document
      const rest = tr.mapping.slice(i + 1)
      for (const pos of [rest.map(newStart, -1), rest.map(newEnd, 1)]) {
        const holder = holderAt(tr.doc, pos)
        if (!holder) continue
        const length = exportedTextLength(holder.node)
        if (length <= textLimitOf(holder.node.type.name)) continue
        const before = tr.before.nodeAt(inverse.map(holder.pos))
        if (!before || before.type !== holder.node.type || exportedTextLength(before) < length) over = true
      }
    })
  })
  return !over
}

/**
 * Keeps each text within the limit the rules declare (a cell 200 characters, other texts
 * 100,000): a keystroke or a paste that would pass it is not applied, as the server's
 * update guard would refuse it. Changes from others (y-prosemirror) are never filtered.
 */
export const TextLimits = Extension.create({
  name: 'textLimits',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('textLimits'),
        filterTransaction: (tr) => !tr.docChanged || tr.getMeta(ySyncPluginKey) !== undefined || passesTextLimit(tr),
      }),
    ]
  },
})
