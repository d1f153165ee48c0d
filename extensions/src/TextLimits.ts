import { Extension } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { exportedTextLength, TEXT_FIELD_NAMES, textHolderIndex, textLimitOf, type TextTreeReader } from '@ctg/shared'

/** A ProseMirror document read as the export reads it, for `exportedTextLength`. */
const PM_TREE: TextTreeReader<PMNode> = {
  name: (node) => node.type.name,
  children: (node) => node.children,
  isInline: (node) => node.inlineContent,
  inlineLength: (node) => {
    let length = 0
    node.forEach((child) => (length += child.isText ? child.text!.length : child.type.name === 'hardBreak' ? 1 : 0))
    return length
  },
}

/** The position and node of the text holder (field, list item, top-level textblock) around `pos`, or null. */
function holderAt(doc: PMNode, pos: number): { pos: number; node: PMNode } | null {
  const $pos = doc.resolve(Math.min(pos, doc.content.size))
  if ($pos.depth < 1) return null
  const ancestors: string[] = []
  for (let depth = $pos.depth; depth >= 1; depth--) ancestors.push($pos.node(depth).type.name)
  const depth = $pos.depth - textHolderIndex(ancestors)
  const node = $pos.node(depth)
  // a position between top-level blocks, or inside a structured block but in no field, holds no text
  const holds = node.isTextblock || TEXT_FIELD_NAMES.has(node.type.name) || node.type.name === 'listItem'
  return holds ? { pos: $pos.before(depth), node } : null
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
        const length = exportedTextLength(holder.node, PM_TREE)
        if (length <= textLimitOf(holder.node.type.name)) continue
        const before = tr.before.nodeAt(inverse.map(holder.pos))
        if (!before || before.type !== holder.node.type || exportedTextLength(before, PM_TREE) < length) over = true
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
