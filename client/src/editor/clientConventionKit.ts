import { CONVENTION_LABELS, ConventionKit, type ConventionLabels } from '@ctg/extensions'
import { conventionNodeViews } from '../nodeViews/conventionNodeViews.js'

/**
 * The labels the blocks and fields show. The node views read them from their node, as the kit
 * configured it, so a host app that reuses them relabels blocks through the kit; ours are French.
 */
const EDITOR_LABELS: ConventionLabels = CONVENTION_LABELS

/** ConventionKit with the web client's node views: the editor's, and a version's read-only view. */
export function clientConventionKit(labels: Partial<ConventionLabels> = EDITOR_LABELS) {
  return ConventionKit.configure({
    labels,
    nodes: conventionNodeViews(),
    // a trailing paragraph appended by every client at once would multiply in the shared document
    starterKit: { trailingNode: false },
  })
}
