import {
  dateAttribute,
  enumAttribute,
  idAttribute,
  referenceAttribute,
  yearAttribute,
  type AttributeSpec,
  type NodeSpecData,
} from './nodeSpec.js'
import {
  CIVILITIES,
  FOLLOW_UP_STATUSES,
  INDICATOR_FREQUENCIES,
  INDICATOR_KINDS,
  PARTY_KINDS,
  SIGNATORY_KINDS,
  THEMES,
} from './vocabulary.js'

/**
 * Design rule: what people type is text in child nodes (Yjs merges it character
 * by character); only scalars are attributes. Content expressions keep each
 * block's shape, so selecting and typing can remove a field's text, never the field,
 * and no concurrent edit can make them invalid: lists of entries and of paragraphs
 * allow zero items, since two people deleting the last ones at once leave none.
 */

/**
 * Marks a single-line field allows: no formatting, only the anchor of a comment (every
 * text people type may be commented; a schema without the mark would delete that text).
 */
export const LINE_MARKS = 'comment'

/** A single-line text field without formatting (comments allowed). */
const line = (): NodeSpecData => ({ role: 'field', content: 'text*', marks: LINE_MARKS, attrs: {} })
/**
 * The blocks a field of paragraphs holds: paragraphs and bullet or numbered lists, as in free
 * text (no headings: a field's label is its heading; no structured blocks).
 */
export const FIELD_BLOCK_NAMES = ['paragraph', 'bulletList', 'orderedList'] as const
/**
 * A field of paragraphs (and lists): one or more blocks as people edit it, none only for the
 * moment after concurrent deletions of its last blocks (see `fill`), never invalid for the binding.
 */
const paragraphs = (): NodeSpecData => ({
  role: 'field',
  content: `(${FIELD_BLOCK_NAMES.join(' | ')})*`,
  fill: 'paragraph',
  attrs: {},
})

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
      /** the rank a plénière gave it (1 = first), written by the server on request; null: none */
      priority: { type: 'number', default: null },
    },
  },
  ficheTitle: line(),
  /** The theme is a scalar; the text is the custom label ("autre") or a precision. */
  ficheTheme: {
    role: 'field',
    content: 'text*',
    marks: LINE_MARKS,
    attrs: {
      theme: enumAttribute(THEMES, null),
      /** the fiche's further themes (a fiche may span petite enfance, enfance and jeunesse) */
      otherThemes: { type: 'string', default: null, format: 'themeList' } satisfies AttributeSpec,
    },
  },
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
  /** The territory in words, and the communes of the convention's territory it concerns (their ids). */
  ficheTerritory: { ...paragraphs(), attrs: { communeIds: { type: 'string', default: null, format: 'idList' } } },
  fichePartners: { role: 'field', content: 'ficheListItem*', attrs: {} },
  fichePilot: line(),
  ficheFunding: paragraphs(),
  ficheIndicators: { role: 'field', content: 'ficheListItem*', attrs: { tableId: idAttribute } },
  /** An item of a list in a fiche (a partner, an indicator); an indicator may name the table row that follows it. */
  ficheListItem: { ...line(), attrs: { rowId: referenceAttribute } },
} as const satisfies Record<string, NodeSpecData>

export const indicatorTableNodes = {
  indicatorTable: {
    role: 'block',
    group: 'ctgBlock',
    content: 'indicatorTableTitle indicatorRow*',
    /** `ownerId`: the party or commune the table belongs to (early-childhood plans are often per authority) */
    attrs: { id: idAttribute, startYear: yearAttribute, endYear: yearAttribute, ownerId: referenceAttribute },
    period: { start: 'startYear', end: 'endYear' },
  },
  indicatorTableTitle: line(),
  indicatorRow: {
    role: 'entry',
    // the collector is optional in the content: rows stored before it existed stay valid unchanged
    content: 'indicatorLabel indicatorUnit indicatorSource indicatorCollector? indicatorBaseline indicatorYear*',
    attrs: {
      id: idAttribute,
      kind: enumAttribute(INDICATOR_KINDS, 'realisation'),
      baselineYear: yearAttribute,
      frequency: enumAttribute(INDICATOR_FREQUENCIES, null),
    },
  },
  indicatorLabel: line(),
  indicatorUnit: line(),
  indicatorSource: line(),
  /** who collects the indicator */
  indicatorCollector: line(),
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
      /** the party the signatory signs for */
      partyId: referenceAttribute,
    },
  },
  signatoryOrganisation: line(),
  signatoryFunction: line(),
  signatoryName: line(),
  /** The deliberation that mandates the signatory; its date is the `mandateDate` attribute. */
  signatoryMandate: line(),
  signatoryPlace: line(),
} as const satisfies Record<string, NodeSpecData>

/** The parties of the convention ("Entre les soussignés"), as data; at most one such block. */
export const partiesBlockNodes = {
  partiesBlock: { role: 'block', group: 'ctgBlock', content: 'party*', attrs: { id: idAttribute } },
  party: {
    role: 'entry',
    content: 'partyName partyRepresentativeFunction partyRepresentativeName partyDeliberationBody',
    attrs: {
      id: idAttribute,
      kind: enumAttribute(PARTY_KINDS, 'autre'),
      siren: { type: 'string', default: null, format: 'siren' },
      /** the date of the deliberation that authorises the representative */
      deliberationDate: dateAttribute,
    },
  },
  /** the official name ("Caisse d'allocations familiales des Alpes-de-Haute-Provence") */
  partyName: line(),
  partyRepresentativeFunction: line(),
  partyRepresentativeName: line(),
  /** the body that deliberated ("Conseil communautaire") */
  partyDeliberationBody: line(),
} as const satisfies Record<string, NodeSpecData>

/** The territory the convention covers: the EPCI and its communes; at most one such block. */
export const territoryBlockNodes = {
  territoryBlock: {
    role: 'block',
    group: 'ctgBlock',
    content: 'territoryEpci commune*',
    attrs: { id: idAttribute, epciSiren: { type: 'string', default: null, format: 'siren' } },
  },
  territoryEpci: line(),
  commune: {
    role: 'entry',
    content: 'communeName',
    attrs: { id: idAttribute, insee: { type: 'string', default: null, format: 'insee' } },
  },
  communeName: line(),
} as const satisfies Record<string, NodeSpecData>

/**
 * Planning figures: the offer existing at signature and, for each year, the offer planned
 * and the offer achieved, in named cells so that the three are never confused.
 */
export const planningTableNodes = {
  planningTable: {
    role: 'block',
    group: 'ctgBlock',
    content: 'planningTableTitle planningRow*',
    attrs: { id: idAttribute, startYear: yearAttribute, endYear: yearAttribute, ownerId: referenceAttribute },
    period: { start: 'startYear', end: 'endYear' },
  },
  planningTableTitle: line(),
  planningRow: {
    role: 'entry',
    content: 'planningLabel planningUnit planningExisting planningYear*',
    attrs: { id: idAttribute },
  },
  /** what is planned ("Places en micro-crèche") */
  planningLabel: line(),
  planningUnit: line(),
  /** the offer existing at signature */
  planningExisting: line(),
  planningYear: {
    role: 'field',
    content: 'planningPlanned planningAchieved',
    attrs: { year: { type: 'number', default: 0 } },
  },
  planningPlanned: line(),
  planningAchieved: line(),
} as const satisfies Record<string, NodeSpecData>

export const conventionNodes = {
  ...ficheActionNodes,
  ...indicatorTableNodes,
  ...signatoryBlockNodes,
  ...partiesBlockNodes,
  ...territoryBlockNodes,
  ...planningTableNodes,
} as const satisfies Record<string, NodeSpecData>

export type ConventionNodeName = keyof typeof conventionNodes
export type BlockNodeName =
  'ficheAction' | 'indicatorTable' | 'signatoryBlock' | 'partiesBlock' | 'territoryBlock' | 'planningTable'

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
