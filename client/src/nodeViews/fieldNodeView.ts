import type { NodeViewRenderer } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { cssString, el } from './dom.js'
import { FIELD_HINTS, type FieldNodeName } from './fieldLabels.js'
import { structuredNodeView, isEmptyField, labelOf, mirrorAttributes } from './nodeViewHelpers.js'

export interface FieldViewOptions {
  /** extra classes on the field's element */
  className?: string
  /** overrides the hint from FIELD_HINTS, e.g. from the parent node */
  hint?: (node: PMNode, parent: PMNode | null) => string
}

/**
 * A labelled field: the label is drawn by CSS from `data-label` (so it can never be
 * edited, selected or copied with the text) and the text lives in `contentDOM`.
 * Selectors: `[data-type="<field>"] > .ctg-field__content`.
 */
export function fieldNodeView(name: FieldNodeName, options: FieldViewOptions = {}): NodeViewRenderer {
  const hint = FIELD_HINTS[name]
  return ({ node, getPos, editor, extension }) => {
    const label = labelOf(extension)
    const contentDOM = el('div', { class: 'ctg-field__content', 'data-field-content': '' })
    const dom = el(
      'div',
      {
        class: `ctg-field ctg-field--${node.isTextblock ? 'line' : 'multi'} ${options.className ?? ''}`,
        'data-type': name,
        'data-label': label,
        role: 'group',
        'aria-label': label,
      },
      contentDOM,
    )
    let parent: PMNode | null = null
    const pos = getPos()
    if (typeof pos === 'number') parent = editor.state.doc.resolve(pos).parent
    const placeholder = options.hint ? options.hint(node, parent) : hint
    if (placeholder) dom.style.setProperty('--placeholder', cssString(placeholder))

    const render = (current: PMNode) => {
      dom.classList.toggle('is-empty', isEmptyField(current))
      if (Object.keys(current.attrs).length) mirrorAttributes(dom, current)
    }
    render(node)

    return structuredNodeView(node.type, dom, contentDOM, (updated) => {
      render(updated)
    })
  }
}
