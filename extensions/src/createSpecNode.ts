import { mergeAttributes, Node, type AnyExtension, type Attributes } from '@tiptap/core'
import { conventionNodes, type AttributeSpec, type BlockNodeName, type ConventionNodeName } from '@ctg/shared'
import { blockNodeNames } from './convention-kit/blockNodeNames.js'
import { CONVENTION_LABELS } from './convention-kit/conventionLabels.js'

export interface SpecNodeOptions {
  /**
   * The node's label, rendered as `data-label` in its HTML.
   * @default its French label (CONVENTION_LABELS)
   */
  label: string
  /**
   * A block brings the nodes it is made of (its fields and entries), so that it can be
   * registered on its own (the host brings text, paragraphs, lists and the comment mark);
   * ConventionKit sets false and adds them itself.
   * @default true
   */
  withFields: boolean
}

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
export function createSpecNode(name: ConventionNodeName) {
  const spec = conventionNodes[name]
  return Node.create<SpecNodeOptions>({
    name,
    group: 'group' in spec ? spec.group : undefined,
    content: spec.content,
    marks: 'marks' in spec ? spec.marks : undefined,
    // a field is a boundary: Backspace at its start or a selection across it never merges two fields
    isolating: true,
    defining: true,
    selectable: spec.role === 'block',
    draggable: false,

    addOptions() {
      return { label: CONVENTION_LABELS[name], withFields: true }
    },

    addExtensions(): AnyExtension[] {
      if (spec.role !== 'block' || !this.options.withFields) return []
      return blockNodeNames(name as BlockNodeName)
        .slice(1)
        .map((child) => createSpecNode(child))
    },

    addAttributes() {
      return Object.fromEntries(
        Object.entries(spec.attrs).map(([attr, attrSpec]) => [attr, attributeFromSpec(attr, attrSpec)]),
      )
    },

    parseHTML() {
      return [{ tag: `div[data-type="${name}"]` }]
    },

    renderHTML({ HTMLAttributes }) {
      return ['div', mergeAttributes({ 'data-type': name, 'data-label': this.options.label }, HTMLAttributes), 0]
    },
  })
}
