import { conventionNodes } from './conventionNodes.js'
import type { NodeSpecData } from './nodeSpec.js'

/**
 * The fields that hold one text of the export: single-line fields (`text*`) and fields of
 * paragraphs (those with a `fill`). Read by the editor's and the server's length checks,
 * which measure a text in the nearest such field.
 */
export const TEXT_FIELD_NAMES: ReadonlySet<string> = new Set(
  Object.entries(conventionNodes)
    .filter(
      ([, spec]: [string, NodeSpecData]) =>
        spec.role === 'field' && (spec.content === 'text*' || spec.fill === 'paragraph'),
    )
    .map(([name]) => name),
)
