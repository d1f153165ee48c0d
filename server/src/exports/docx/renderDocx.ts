import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  convertMillimetersToTwip,
  type ISectionOptions,
  type ParagraphChild,
} from 'docx'
import { unzipSync } from 'fflate'
import type {
  PrintDocument,
  PrintElement,
  PrintList,
  PrintParagraph,
  PrintRenderers,
  PrintRun,
} from '../layout/PrintDocument.js'
import { safeHref } from '../html/escapeHtml.js'
import { deterministicZip } from '../zip/deterministicZip.js'

type Block = Paragraph | Table

/** What rendering needs besides the element: the next list numbering instance. */
interface DocxContext {
  lists: number
}

const BLUE = '1F4E79'
const SANS = 'Liberation Sans'
const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
] as const

function runs(
  list: PrintRun[],
  style: { bold?: boolean; color?: string; size?: number; font?: string } = {},
): ParagraphChild[] {
  return list.flatMap((r): ParagraphChild[] => {
    const marks = new Set((r.marks ?? []).map((m) => m.type))
    const lines = r.text.split('\n')
    const textRuns = lines.map(
      (line, i) =>
        new TextRun({
          text: line,
          break: i > 0 ? 1 : undefined,
          bold: marks.has('bold') || style.bold,
          italics: marks.has('italic'),
          underline: marks.has('underline') ? {} : undefined,
          strike: marks.has('strike'),
          color: style.color,
          size: style.size,
          font: style.font,
          style: marks.has('link') ? 'Hyperlink' : undefined,
        }),
    )
    const link = r.marks?.find((m) => m.type === 'link')
    const href = link?.type === 'link' ? safeHref(link.href) : null
    return href ? [new ExternalHyperlink({ link: href, children: textRuns })] : textRuns
  })
}

const paragraph = (p: PrintParagraph) =>
  new Paragraph({ children: runs(p.runs, p.style === 'note' ? { size: 17, color: '444444' } : {}) })

function list(l: PrintList, context: DocxContext, level = 0, instance = ++context.lists): Paragraph[] {
  return l.items.flatMap((item) => [
    ...item.paragraphs.map(
      (p, i) =>
        new Paragraph({
          children: runs(p),
          ...(i === 0
            ? { numbering: { reference: l.ordered ? 'numbers' : 'bullets', level, instance } }
            : { indent: { left: convertMillimetersToTwip(7 * (level + 1)) } }),
        }),
    ),
    ...(item.sublist ? list(item.sublist, context, level + 1) : []),
  ])
}

const border = (size: number, color: string) => ({ style: BorderStyle.SINGLE, size, color })
const GRID = {
  top: border(4, '7F8C9A'),
  bottom: border(4, '7F8C9A'),
  left: border(4, '7F8C9A'),
  right: border(4, '7F8C9A'),
}
const FRAME = { top: border(4, 'B8C7D9'), bottom: border(4, 'B8C7D9'), left: border(10, BLUE), right: border(10, BLUE) }
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }
const margins = { top: 60, bottom: 60, left: 90, right: 90 }
const shade = (fill: string) => ({ type: ShadingType.CLEAR, color: 'auto', fill })
const cellText = (
  text: string,
  options: { bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {},
) =>
  new Paragraph({
    alignment: options.align,
    children: runs(text === '' ? [] : [{ text }], { size: 17, bold: options.bold }),
  })

const DOCX: PrintRenderers<Block[], DocxContext> = {
  heading: (h) => [
    new Paragraph({ heading: HEADINGS[h.level - 1], children: runs(h.runs), pageBreakBefore: h.level === 1 }),
  ],
  paragraph: (p) => [paragraph(p)],
  list: (l, context) => list(l, context),
  sheet: (sheet, context) => [
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      columnWidths: [2000, 7600],
      rows: [
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: [
            new TableCell({
              columnSpan: 2,
              shading: shade(BLUE),
              borders: {
                top: border(10, BLUE),
                bottom: border(10, BLUE),
                left: border(10, BLUE),
                right: border(10, BLUE),
              },
              margins,
              children: [
                new Paragraph({
                  children: runs([{ text: sheet.number.toUpperCase() }], { size: 16, color: 'FFFFFF', font: SANS }),
                }),
                new Paragraph({
                  children: runs([{ text: sheet.title }], { size: 24, bold: true, color: 'FFFFFF', font: SANS }),
                }),
              ],
            }),
          ],
        }),
        ...sheet.fields.map(
          (f) =>
            new TableRow({
              children: [
                new TableCell({
                  shading: shade('EEF3F8'),
                  borders: { ...FRAME, right: border(4, 'B8C7D9') },
                  margins,
                  width: { size: 2000, type: WidthType.DXA },
                  children: [
                    new Paragraph({ children: runs([{ text: f.label }], { bold: true, size: 18, font: SANS }) }),
                  ],
                }),
                new TableCell({
                  borders: { ...FRAME, left: border(4, 'B8C7D9') },
                  margins,
                  children: f.content.flatMap((c) => (c.kind === 'list' ? list(c, context) : [paragraph(c)])),
                }),
              ],
            }),
        ),
      ],
    }),
    new Paragraph({ children: [] }),
  ],
  table: (t) => [
    new Paragraph({ heading: HeadingLevel.HEADING_4, children: runs([{ text: t.title }]), keepNext: true }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        ...(t.groups
          ? [
              new TableRow({
                tableHeader: true,
                children: t.groups.map(
                  (g) =>
                    new TableCell({
                      columnSpan: g.span,
                      shading: shade('DFE8F1'),
                      borders: GRID,
                      margins,
                      children: [cellText(g.text, { bold: true, align: AlignmentType.CENTER })],
                    }),
                ),
              }),
            ]
          : []),
        new TableRow({
          tableHeader: true,
          children: t.columns.map(
            (c) =>
              new TableCell({
                shading: shade('DFE8F1'),
                borders: GRID,
                margins,
                children: [cellText(c, { bold: true, align: AlignmentType.CENTER })],
              }),
          ),
        }),
        ...t.rows.map(
          (row) =>
            new TableRow({
              cantSplit: true,
              children: row.map(
                (text, i) =>
                  new TableCell({
                    borders: GRID,
                    margins,
                    children: [cellText(text, { align: t.numeric[i] ? AlignmentType.RIGHT : AlignmentType.LEFT })],
                  }),
              ),
            }),
        ),
      ],
    }),
    ...(t.note ? [paragraph({ kind: 'paragraph', runs: [{ text: t.note }], style: 'note' })] : []),
  ],
  signatures: (s) => {
    const block = (i: number) => {
      const sig = s.signatories[i]
      const lines = sig
        ? [
            new Paragraph({ children: runs([{ text: sig.organisation }], { bold: true, font: SANS }) }),
            new Paragraph({ children: runs([{ text: sig.function }]) }),
            new Paragraph({ children: runs([{ text: sig.name }]) }),
            ...(sig.mandate
              ? [new Paragraph({ children: runs([{ text: sig.mandate }], { size: 18, color: '333333' }) })]
              : []),
            new Paragraph({ children: runs([{ text: sig.placeAndDate }], { size: 18, color: '333333' }) }),
            // room to sign
            new Paragraph({ children: [], spacing: { after: convertMillimetersToTwip(22) } }),
          ]
        : [new Paragraph({ children: [] })]
      return new TableCell({
        borders: { top: sig ? border(8, BLUE) : NONE, bottom: NONE, left: NONE, right: NONE },
        margins: { ...margins, right: 300 },
        width: { size: 50, type: WidthType.PERCENTAGE },
        children: lines,
      })
    }
    const rows: TableRow[] = []
    for (let i = 0; i < s.signatories.length; i += 2)
      rows.push(new TableRow({ cantSplit: true, children: [block(i), block(i + 1)] }))
    return [new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, columnWidths: [4800, 4800], rows })]
  },
}

const A4 = { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) }

function pageSetup(doc: PrintDocument, landscape: boolean): Omit<ISectionOptions, 'children'> {
  const small = { size: 16, color: '555555' }
  return {
    properties: {
      page: {
        size: landscape ? { ...A4, orientation: PageOrientation.LANDSCAPE } : A4,
        margin: { top: 1100, bottom: 1000, left: 1000, right: 1000, header: 500, footer: 500 },
      },
    },
    headers: {
      default: new Header({
        children: [new Paragraph({ alignment: AlignmentType.CENTER, children: runs([{ text: doc.title }], small) })],
      }),
    },
    footers: {
      default: new Footer({
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [
              new TextRun({ text: `${doc.versionLine} — page `, ...small }),
              new TextRun({ children: [PageNumber.CURRENT], ...small }),
              new TextRun({ text: ' / ', ...small }),
              new TextRun({ children: [PageNumber.TOTAL_PAGES], ...small }),
            ],
          }),
        ],
      }),
    },
  }
}

function titlePage(doc: PrintDocument): Paragraph[] {
  const centered = (text: string, style: Parameters<typeof runs>[1], before = 0) =>
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before }, children: runs([{ text }], style) })
  return [
    centered('CONVENTION TERRITORIALE GLOBALE', { color: BLUE, font: SANS, size: 24 }, 3000),
    centered(doc.title, { color: BLUE, font: SANS, size: 44, bold: true }, 300),
    centered(doc.period, { size: 28 }, 200),
    ...(doc.parties.length ? [centered('Entre', {}, 600), ...doc.parties.map((p) => centered(p, {}))] : []),
    centered(doc.versionLine, { size: 18, color: '444444' }, 800),
  ]
}

/** The convention as a Word document (docx): portrait sections, a landscape section for each wide table. */
export async function renderDocx(doc: PrintDocument): Promise<Uint8Array> {
  const context: DocxContext = { lists: 0 }
  const sections: ISectionOptions[] = [
    { ...pageSetup(doc, false), children: [...titlePage(doc), new Paragraph({ children: [new PageBreak()] })] },
  ]
  let current: Block[] = sections[0]!.children as Block[]
  let landscape = false
  for (const element of doc.body) {
    const wide = element.kind === 'table' && element.wide
    if (wide !== landscape || wide) {
      // each wide table on its own landscape section; back to portrait after it
      current = []
      sections.push({ ...pageSetup(doc, wide), children: current })
      landscape = wide
    }
    current.push(...(DOCX[element.kind] as (e: PrintElement, c: DocxContext) => Block[])(element, context))
  }
  for (const section of sections)
    if ((section.children as Block[]).length === 0) (section.children as Block[]).push(new Paragraph({}))
  const level = (format: (typeof LevelFormat)[keyof typeof LevelFormat], text: (l: number) => string) =>
    [0, 1, 2, 3].map((l) => ({
      level: l,
      format,
      text: text(l),
      alignment: AlignmentType.LEFT,
      style: {
        paragraph: { indent: { left: convertMillimetersToTwip(7 * (l + 1)), hanging: convertMillimetersToTwip(5) } },
      },
    }))
  const document = new Document({
    title: doc.title,
    creator: 'ctg-workspace',
    description: doc.versionLine,
    styles: {
      default: {
        document: { run: { font: 'Liberation Serif', size: 21 }, paragraph: { spacing: { after: 100 } } },
        heading1: { run: { font: SANS, size: 30, bold: true, color: BLUE }, paragraph: { spacing: { after: 200 } } },
        heading2: {
          run: { font: SANS, size: 24, bold: true, color: '111111' },
          paragraph: { spacing: { before: 240, after: 100 } },
        },
        heading3: {
          run: { font: SANS, size: 22, bold: true, color: '333333' },
          paragraph: { spacing: { before: 200, after: 80 } },
        },
        heading4: {
          run: { font: SANS, size: 21, bold: true, color: '111111' },
          paragraph: { spacing: { before: 160, after: 80 } },
        },
      },
    },
    numbering: {
      config: [
        { reference: 'bullets', levels: level(LevelFormat.BULLET, (l) => (l % 2 ? '–' : '•')) },
        { reference: 'numbers', levels: level(LevelFormat.DECIMAL, (l) => `%${l + 1}.`) },
      ],
    },
    sections,
  })
  return settleDocx(new Uint8Array(await Packer.toBuffer(document)), doc.date)
}

/**
 * `docx` dates the package and its core properties now, and names each hyperlink's
 * relationship at random: the dates become the document's (a version's `createdAt`) and the
 * relationships are renamed in the order they are listed, so that the same version always gives
 * the same bytes.
 */
function settleDocx(packed: Uint8Array, date: string): Uint8Array {
  const entries = unzipSync(packed)
  const iso = `${date.slice(0, 19)}Z`
  const text = (path: string) => new TextDecoder().decode(entries[path])
  const write = (path: string, xml: string) => (entries[path] = new TextEncoder().encode(xml))
  if (entries['docProps/core.xml'])
    write(
      'docProps/core.xml',
      text('docProps/core.xml').replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${iso}$3`),
    )
  const rels = 'word/_rels/document.xml.rels'
  if (entries[rels]) {
    // docx's own relationships are rId1, rId2 …; the random ones are 21 characters of nanoid
    const random = [...text(rels).matchAll(/Id="(rId(?!\d+")[^"]+)"/g)].map(([, id]) => id!)
    const renamed = new Map(random.map((id, i) => [id, `rIdLink${i + 1}`]))
    const rename = (xml: string) =>
      xml.replace(/"(rId[^"]+)"/g, (quoted, id: string) => {
        const name = renamed.get(id)
        return name ? `"${name}"` : quoted
      })
    if (renamed.size > 0)
      for (const path of Object.keys(entries))
        if ((path.startsWith('word/') && path.endsWith('.xml')) || path === rels) write(path, rename(text(path)))
  }
  return deterministicZip(
    Object.entries(entries).map(([path, data]) => ({ path, data })),
    date,
  )
}
