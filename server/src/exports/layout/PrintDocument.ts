/**
 * The convention as printed matter, whatever the format: what each block becomes on paper
 * (a framed sheet, a table, signature blocks on two columns…). Built once from the
 * structured JSON (`layoutConvention`); each format renders these few elements, through a
 * mapping typed over `PrintElement['kind']`, so a new element breaks every renderer's build.
 */

export type PrintMark =
  { type: 'bold' } | { type: 'italic' } | { type: 'underline' } | { type: 'strike' } | { type: 'link'; href: string }

/** A piece of text with its formatting (the export's runs, typography applied). */
export interface PrintRun {
  text: string
  marks?: PrintMark[]
}

export interface PrintListItem {
  /** one entry per paragraph of the item */
  paragraphs: PrintRun[][]
  sublist?: PrintList
}

export interface PrintList {
  kind: 'list'
  ordered: boolean
  items: PrintListItem[]
}

export interface PrintHeading {
  kind: 'heading'
  /** 1 = a part ("Articles"), 2 = an article, 3 = a sub-part, 4 = inside a sheet */
  level: 1 | 2 | 3 | 4
  runs: PrintRun[]
}

export interface PrintParagraph {
  kind: 'paragraph'
  runs: PrintRun[]
  /** `note`: smaller, for sources and details under a table */
  style?: 'note'
}

/** A fiche action: a framed sheet of labelled fields. */
export interface PrintSheet {
  kind: 'sheet'
  /** "Fiche action n° 3" */
  number: string
  title: string
  fields: { label: string; content: (PrintParagraph | PrintList)[] }[]
}

/** An indicator or planning table; `wide` tables go on a landscape page. */
export interface PrintTable {
  kind: 'table'
  title: string
  /** an optional first header row of groups (a year over its two columns) */
  groups?: { text: string; span: number }[]
  columns: string[]
  rows: string[][]
  /** columns that hold figures (right-aligned) */
  numeric: boolean[]
  wide: boolean
  note?: string
}

/** One signatory's block: who signs, for whom, and room for the signature. */
export interface PrintSignature {
  organisation: string
  function: string
  name: string
  mandate: string
  /** "Fait à Digne-les-Bains, le 12 mars 2026", or room to write it */
  placeAndDate: string
}

export interface PrintSignatures {
  kind: 'signatures'
  signatories: PrintSignature[]
}

export type PrintElement = PrintHeading | PrintParagraph | PrintList | PrintSheet | PrintTable | PrintSignatures

export interface PrintDocument {
  title: string
  /** "2026 – 2030" */
  period: string
  /** the title page's list of parties ("Entre …") */
  parties: string[]
  /** the status line of the title page ("Version adoptée", "Projet") */
  status: string
  /** the date every format records as the document's date (ISO 8601): the version's `createdAt` */
  date: string
  /** the footer's "Version du 12 mars 2026 — empreinte …" */
  versionLine: string
  body: PrintElement[]
}

/** One renderer per element kind: a new kind breaks every format until it renders it. */
export type PrintRenderers<Out, Context = void> = {
  [K in PrintElement['kind']]: (element: Extract<PrintElement, { kind: K }>, context: Context) => Out
}
