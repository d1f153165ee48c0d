import { dateAttribute, enumAttribute, idAttribute, yearAttribute, type NodeSpecData } from './nodeSpec.js'
import { CIVILITIES, FOLLOW_UP_STATUSES, INDICATOR_KINDS, SIGNATORY_KINDS, THEMES } from './vocabulary.js'

/**
 * Design rule: what people type is text in child nodes (Yjs merges it character
 * by character); only scalars are attributes. Content expressions keep each
 * block's shape, so selecting and typing can remove a field's text, never the field.
 */

/**
 * Marks a single-line field allows: no formatting, only the anchor of a comment (every
 * text people type may be commented; a schema without the mark would delete that text).
 */
export const LINE_MARKS = 'comment'

/** A single-line text field without formatting (comments allowed). */
const line = (): NodeSpecData => ({ role: 'field', content: 'text*', marks: LINE_MARKS, attrs: {} })
/** A field of one or more paragraphs. */
const paragraphs = (): NodeSpecData => ({ role: 'field', content: 'paragraph+', attrs: {} })

export const ficheActionNodes = {
  ficheAction: {
    role: 'block',
    group: 'ctgBlock',
    content:
      'ficheTitle ficheTheme ficheObjective ficheKeyActions ficheExpectedResult ficheTargetAudience ficheTerritory fichePartners fichePilot ficheFunding ficheIndicators',
    attrs: {
      id: idAttribute,
      status: enumAttribute(FOLLOW_UP_STATUSES, 'a_engager'),
      startYear: yearAttribute,
      endYear: yearAttribute,
    },
  },
  ficheTitle: line(),
  /** The theme is a scalar; the text is the custom label ("autre") or a precision. */
  ficheTheme: { role: 'field', content: 'text*', marks: LINE_MARKS, attrs: { theme: enumAttribute(THEMES, null) } },
  ficheObjective: paragraphs(),
  ficheKeyActions: { role: 'field', content: 'keyAction*', attrs: {} },
  keyAction: {
    role: 'entry',
    content: 'keyActionLabel keyActionPilot',
    attrs: {
      id: idAttribute,
      status: enumAttribute(FOLLOW_UP_STATUSES, 'a_engager'),
      deadline: yearAttribute,
    },
  },
  keyActionLabel: line(),
  keyActionPilot: line(),
  ficheExpectedResult: paragraphs(),
  ficheTargetAudience: paragraphs(),
  ficheTerritory: paragraphs(),
  fichePartners: { role: 'field', content: 'ficheListItem*', attrs: {} },
  fichePilot: line(),
  ficheFunding: paragraphs(),
  ficheIndicators: { role: 'field', content: 'ficheListItem*', attrs: { tableId: idAttribute } },
  ficheListItem: line(),
} as const satisfies Record<string, NodeSpecData>

export const indicatorTableNodes = {
  indicatorTable: {
    role: 'block',
    group: 'ctgBlock',
    content: 'indicatorTableTitle indicatorRow*',
    attrs: { id: idAttribute, startYear: yearAttribute, endYear: yearAttribute },
    period: { start: 'startYear', end: 'endYear' },
  },
  indicatorTableTitle: line(),
  indicatorRow: {
    role: 'entry',
    content: 'indicatorLabel indicatorUnit indicatorSource indicatorBaseline indicatorYear*',
    attrs: {
      id: idAttribute,
      kind: enumAttribute(INDICATOR_KINDS, 'realisation'),
      baselineYear: yearAttribute,
    },
  },
  indicatorLabel: line(),
  indicatorUnit: line(),
  indicatorSource: line(),
  indicatorBaseline: line(),
  /** One year column of a row; cells are keyed by year so that merges never shift values. */
  indicatorYear: {
    role: 'field',
    content: 'indicatorTarget indicatorReached',
    attrs: { year: { type: 'number', default: 0 } },
  },
  indicatorTarget: line(),
  indicatorReached: line(),
} as const satisfies Record<string, NodeSpecData>

export const signatoryBlockNodes = {
  signatoryBlock: {
    role: 'block',
    group: 'ctgBlock',
    content: 'signatory*',
    attrs: { id: idAttribute },
  },
  signatory: {
    role: 'entry',
    content: 'signatoryOrganisation signatoryFunction signatoryName signatoryMandate signatoryPlace',
    attrs: {
      id: idAttribute,
      kind: enumAttribute(SIGNATORY_KINDS, 'autre'),
      civility: enumAttribute(CIVILITIES, null),
      mandateDate: dateAttribute,
      signatureDate: dateAttribute,
      signed: { type: 'boolean', default: false },
    },
  },
  signatoryOrganisation: line(),
  signatoryFunction: line(),
  signatoryName: line(),
  /** The deliberation that mandates the signatory; its date is the `mandateDate` attribute. */
  signatoryMandate: line(),
  signatoryPlace: line(),
} as const satisfies Record<string, NodeSpecData>

export const conventionNodes = {
  ...ficheActionNodes,
  ...indicatorTableNodes,
  ...signatoryBlockNodes,
} as const satisfies Record<string, NodeSpecData>

export type ConventionNodeName = keyof typeof conventionNodes
export type BlockNodeName = 'ficheAction' | 'indicatorTable' | 'signatoryBlock'

/** The top-level content: free text around the structured blocks. */
export const DOCUMENT_CONTENT = '(block | ctgBlock)+'

/** The free-text nodes the editor allows (from Tiptap's StarterKit), which every exporter maps. */
export const TEXT_NODE_NAMES = [
  'paragraph',
  'heading',
  'bulletList',
  'orderedList',
  'listItem',
  'hardBreak',
  'text',
] as const
export const MARK_NAMES = ['bold', 'italic', 'underline', 'strike'] as const
/** Marks that are not formatting: the anchor of a comment thread (see `comments/commentMark.ts`). */
export const ANCHOR_MARK_NAMES = ['comment'] as const

/** Where the editor content and the convention's metadata live in the Y.Doc. */
export const Y_FRAGMENT_NAME = 'default'
export const Y_META_NAME = 'meta'
