import { mergeAttributes, Node, type Attributes } from '@tiptap/core'
import { conventionNodes, type AttributeSpec, type ConventionNodeName } from '@ctg/shared'

function attributeFromSpec(name: string, spec: AttributeSpec): Attributes[string] {
  const dataName = `data-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
  return {
    default: spec.default,
    parseHTML: (element: HTMLElement) => {
      const raw = element.getAttribute(dataName)
      if (raw === null) return spec.default
      if (spec.type === 'number') return Number(raw)
      if (spec.type === 'boolean') return raw === 'true'
      return raw
    },
    renderHTML: (attrs: Record<string, unknown>) =>
      attrs[name] === null || attrs[name] === undefined ? {} : { [dataName]: String(attrs[name]) },
  }
}

/**
 * Builds a headless Tiptap node from its declaration in `@ctg/shared`, so that the
 * editor, the server and the exporters share one schema.
 */
export function createSpecNode<Options = unknown>(name: ConventionNodeName) {
  const spec = conventionNodes[name]
  return Node.create<Options>({
    name,
    group: 'group' in spec ? spec.group : undefined,
    content: spec.content,
    marks: 'marks' in spec ? spec.marks : undefined,
    // a field is a boundary: Backspace at its start or a selection across it never merges two fields
    isolating: true,
    defining: true,
    selectable: spec.role === 'block',
    draggable: false,

    addAttributes() {
      return Object.fromEntries(
        Object.entries(spec.attrs).map(([attr, attrSpec]) => [attr, attributeFromSpec(attr, attrSpec)]),
      )
    },

    parseHTML() {
      return [{ tag: `div[data-type="${name}"]` }]
    },

    renderHTML({ HTMLAttributes }) {
      return ['div', mergeAttributes({ 'data-type': name }, HTMLAttributes), 0]
    },
  })
}
