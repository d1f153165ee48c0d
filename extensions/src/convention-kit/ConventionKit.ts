import { Extension, type AnyExtension, type Mark } from '@tiptap/core'
import StarterKit, { type StarterKitOptions } from '@tiptap/starter-kit'
import { HEADING_LEVELS, type BlockNodeName } from '@ctg/shared'
import { BlockCommands } from '../BlockCommands.js'
import { Comment } from '../comment/index.js'
import { ConventionDocument } from '../ConventionDocument.js'
import { ConventionEntries } from '../ConventionEntries.js'
import { ConventionFacts } from '../convention-facts/index.js'
import { TextLimits } from '../TextLimits.js'
import { UniqueBlockIds } from '../UniqueBlockIds.js'
import { BlockIdentity } from '../block-identity/index.js'
import { BLOCK_NODE_NAMES, blockNodeNames } from './blockNodeNames.js'
import { CONVENTION_LABELS, type ConventionLabels } from './conventionLabels.js'
import { conventionNodeExtensions, type ConventionNodeExtensions } from './conventionNodeExtensions.js'

/** The free-text part of the editor: what StarterKit offers, less what the export cannot keep. */
export const conventionStarterKitOptions: Partial<StarterKitOptions> = {
  document: false,
  blockquote: false,
  code: false,
  codeBlock: false,
  horizontalRule: false,
  // links are kept as data (the export's runs): the mark `link` with its `href`
  link: { openOnClick: false, autolink: false, linkOnPaste: false },
  // history comes from Yjs (collaboration) in the editor
  undoRedo: false,
  heading: { levels: [...HEADING_LEVELS] },
}

/** The blocks whose commands live in ConventionFacts. */
const FACT_BLOCKS: BlockNodeName[] = ['partiesBlock', 'territoryBlock', 'planningTable']

export interface ConventionKitOptions {
  /**
   * The structured blocks the schema has; a block set to false is left out with its fields.
   * A document stored with every block needs every block: the server always uses them all.
   * @default every block
   */
  blocks: Partial<Record<BlockNodeName, boolean>>
  /**
   * Labels replacing the French ones (CONVENTION_LABELS), by node name; rendered as `data-label`.
   * @default {}
   */
  labels: Partial<ConventionLabels>
  /**
   * Replacement node extensions by node name (e.g. the same nodes with node views); they
   * receive their label and are registered without their fields, which the kit adds.
   * @default {}
   */
  nodes: Partial<ConventionNodeExtensions>
  /**
   * A replacement of the headless `Comment` mark (e.g. one that renders highlights). There is
   * no way to leave it out: y-prosemirror deletes a text whose mark the schema cannot build.
   * @default Comment
   */
  comment: Mark | null
  /**
   * StarterKit options merged over the convention's (conventionStarterKitOptions), or false
   * when the host registers the free-text nodes itself.
   * @default {}
   */
  starterKit: Partial<StarterKitOptions> | false
}

/**
 * Everything a convention document needs, as Tiptap's StarterKit does for plain text:
 * `getSchema([ConventionKit])` is the complete schema of the editor, the server and the exports.
 */
export const ConventionKit = Extension.create<ConventionKitOptions>({
  name: 'conventionKit',

  addOptions() {
    return { blocks: {}, labels: {}, nodes: {}, comment: null, starterKit: {} }
  },

  addExtensions() {
    const { blocks, labels, nodes, comment, starterKit } = this.options
    const enabled = BLOCK_NODE_NAMES.filter((block) => blocks[block] !== false)
    const defaults = conventionNodeExtensions()
    const blockNodes = enabled.flatMap(blockNodeNames).map((name) =>
      (nodes[name] ?? defaults[name]).configure({
        label: labels[name] ?? CONVENTION_LABELS[name],
        withFields: false,
      }),
    )
    const extensions: AnyExtension[] = [
      // a document with no block left would name an empty group, which ProseMirror refuses
      enabled.length ? ConventionDocument : ConventionDocument.extend({ content: 'block+' }),
      ...blockNodes,
      ConventionEntries,
      BlockCommands,
      UniqueBlockIds,
      // a moved block stays one Yjs element per id (see block-identity/)
      BlockIdentity,
      TextLimits,
      comment ?? Comment,
    ]
    if (starterKit !== false)
      extensions.unshift(StarterKit.configure({ ...conventionStarterKitOptions, ...starterKit }))
    if (FACT_BLOCKS.some((block) => enabled.includes(block))) extensions.push(ConventionFacts)
    return extensions
  },
})
