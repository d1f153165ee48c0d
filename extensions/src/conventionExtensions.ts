import { Extension, getSchema, type AnyExtension, type Mark, type Node } from '@tiptap/core'
import StarterKit, { type StarterKitOptions } from '@tiptap/starter-kit'
import { conventionNodes, HEADING_LEVELS, type ConventionNodeName } from '@ctg/shared'
import { BlockCommands } from './BlockCommands.js'
import { Comment } from './comment/index.js'
import { ConventionDocument } from './ConventionDocument.js'
import { createSpecNode } from './createSpecNode.js'
import { FicheAction } from './fiche-action/index.js'
import { removeEntry } from './helpers/insertEntry.js'
import { IndicatorTable } from './indicator-table/index.js'
import { SignatoryBlock } from './signatory-block/index.js'
import { TextLimits } from './TextLimits.js'
import { ConventionFacts } from './convention-facts/index.js'
import { UniqueBlockIds } from './UniqueBlockIds.js'

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    conventionEntries: {
      /** Removes a key action, indicator row, signatory or list item, when its container allows it. */
      removeEntry: (pos: number) => ReturnType
    }
  }
}

export type ConventionNodeExtensions = Record<ConventionNodeName, Node>

/** Every node of the three blocks, by name; the client replaces some with node-view versions. */
export function conventionNodeExtensions(): ConventionNodeExtensions {
  const nodes = Object.fromEntries(
    (Object.keys(conventionNodes) as ConventionNodeName[]).map((name) => [name, createSpecNode(name)]),
  ) as ConventionNodeExtensions
  return { ...nodes, ficheAction: FicheAction, indicatorTable: IndicatorTable, signatoryBlock: SignatoryBlock }
}

const ConventionEntries = Extension.create({
  name: 'conventionEntries',
  addCommands() {
    return {
      removeEntry:
        (pos) =>
        ({ tr, state, dispatch }) =>
          dispatch ? removeEntry(tr, pos) : !!state.doc.nodeAt(pos),
    }
  },
})

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

export interface ConventionExtensionsOptions {
  /** Replacement node extensions (e.g. with React node views). */
  nodes?: Partial<ConventionNodeExtensions>
  /** Replacement of the headless `Comment` mark (e.g. one that renders highlights). */
  comment?: Mark
  /** Extra StarterKit options, merged over the defaults. */
  starterKit?: Partial<StarterKitOptions>
}

/** The extensions that define a convention document; loaded by the server, the client and the tests. */
export function conventionExtensions(options: ConventionExtensionsOptions = {}): AnyExtension[] {
  const nodes = { ...conventionNodeExtensions(), ...options.nodes }
  return [
    StarterKit.configure({ ...conventionStarterKitOptions, ...options.starterKit }),
    ConventionDocument,
    ...Object.values(nodes),
    ConventionEntries,
    BlockCommands,
    ConventionFacts,
    UniqueBlockIds,
    TextLimits,
    // every schema must know the comment mark: y-prosemirror deletes a text whose mark it cannot build
    options.comment ?? Comment,
  ]
}

/** The ProseMirror schema of a convention, built headlessly (no DOM needed). */
export const conventionSchema = getSchema(conventionExtensions())
