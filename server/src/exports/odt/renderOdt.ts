import type {
  PrintDocument,
  PrintElement,
  PrintList,
  PrintParagraph,
  PrintRenderers,
  PrintTable,
} from '../layout/PrintDocument.js'
import { deterministicZip } from '../zip/deterministicZip.js'
import { ODF_NAMESPACES, odfStylesXml } from './odfStyles.js'
import { escapeXml, odfChars, odfRuns } from './odfText.js'

/** What rendering one element needs besides the element: table styles collected, the page orientation. */
interface OdtContext {
  tableStyles: string[]
  tables: number
  /** the last element left a landscape page: the next paragraph goes back to portrait */
  landscape: boolean
}

const PORTRAIT_WIDTH = 17.4
const LANDSCAPE_WIDTH = 26.1

function listXml(list: PrintList, nested = false): string {
  const style = nested ? '' : ` text:style-name="${list.ordered ? 'Numbers' : 'Bullets'}"`
  return (
    `<text:list${style}>` +
    list.items
      .map(
        (item) =>
          '<text:list-item>' +
          item.paragraphs.map((p) => `<text:p text:style-name="Standard">${odfRuns(p)}</text:p>`).join('') +
          (item.sublist ? listXml(item.sublist, true) : '') +
          '</text:list-item>',
      )
      .join('') +
    '</text:list>'
  )
}

const paragraphXml = (p: PrintParagraph, style = p.style === 'note' ? 'Note' : 'Standard') =>
  `<text:p text:style-name="${style}">${odfRuns(p.runs)}</text:p>`

/** Column widths (cm) and automatic styles of a table: the first column wider. */
function tableStyle(context: OdtContext, widths: number[], landscape: boolean): string {
  const name = `Tab${++context.tables}`
  const total = widths.reduce((a, b) => a + b, 0)
  context.tableStyles.push(
    `<style:style style:name="${name}" style:family="table"${landscape ? ' style:master-page-name="Landscape"' : ''}>` +
      `<style:table-properties style:width="${total.toFixed(2)}cm" table:align="left" fo:margin-bottom="0.3cm"/></style:style>` +
      widths
        .map(
          (w, i) =>
            `<style:style style:name="${name}.C${i}" style:family="table-column"><style:table-column-properties style:column-width="${w.toFixed(2)}cm"/></style:style>`,
        )
        .join(''),
  )
  return name
}

const columns = (name: string, count: number) =>
  Array.from({ length: count }, (_, i) => `<table:table-column table:style-name="${name}.C${i}"/>`).join('')

const cell = (style: string, content: string, span = 1) =>
  `<table:table-cell table:style-name="${style}" office:value-type="string"${span > 1 ? ` table:number-columns-spanned="${span}"` : ''}>${content}</table:table-cell>` +
  '<table:covered-table-cell/>'.repeat(span - 1)

function dataTable(t: PrintTable, context: OdtContext): string {
  const width = t.wide ? LANDSCAPE_WIDTH : PORTRAIT_WIDTH
  const first = Math.min(5, width / 3)
  const rest = (width - first) / Math.max(1, t.columns.length - 1)
  const name = tableStyle(
    context,
    t.columns.map((_, i) => (i === 0 ? first : rest)),
    t.wide,
  )
  const head = (text: string) => `<text:p text:style-name="Table_20_Heading">${odfChars(text)}</text:p>`
  const groups = t.groups
    ? `<table:table-row>${t.groups.map((g) => cell('CellHead', head(g.text), g.span)).join('')}</table:table-row>`
    : ''
  const header = `<table:table-header-rows>${groups}<table:table-row>${t.columns.map((c) => cell('CellHead', head(c))).join('')}</table:table-row></table:table-header-rows>`
  const rows = t.rows
    .map(
      (row) =>
        '<table:table-row>' +
        row
          .map((text, i) =>
            cell(
              'Cell',
              `<text:p text:style-name="${t.numeric[i] ? 'Table_20_Number' : 'Table_20_Contents'}">${odfChars(text)}</text:p>`,
            ),
          )
          .join('') +
        '</table:table-row>',
    )
    .join('')
  return (
    `<text:h text:style-name="Heading_20_4" text:outline-level="4">${odfChars(t.title)}</text:h>` +
    `<table:table table:name="${name}" table:style-name="${name}">${columns(name, t.columns.length)}${header}${rows}</table:table>` +
    (t.note ? `<text:p text:style-name="Note">${odfChars(t.note)}</text:p>` : '')
  )
}

const ODT: PrintRenderers<string, OdtContext> = {
  heading: (h) =>
    `<text:h text:style-name="Heading_20_${h.level}" text:outline-level="${h.level}">${odfRuns(h.runs)}</text:h>`,
  paragraph: (p) => paragraphXml(p),
  list: (l) => listXml(l),
  sheet: (sheet, context) => {
    const name = tableStyle(context, [3.6, PORTRAIT_WIDTH - 3.6], false)
    const header =
      `<text:p text:style-name="Sheet_20_Number">${odfChars(sheet.number)}</text:p>` +
      `<text:p text:style-name="Sheet_20_Title">${odfChars(sheet.title)}</text:p>`
    const rows = sheet.fields
      .map(
        (f) =>
          '<table:table-row>' +
          cell('SheetLabel', `<text:p text:style-name="Sheet_20_Label">${odfChars(f.label)}</text:p>`) +
          cell('SheetValue', f.content.map((c) => (c.kind === 'list' ? listXml(c) : paragraphXml(c))).join('')) +
          '</table:table-row>',
      )
      .join('')
    return (
      `<table:table table:name="${name}" table:style-name="${name}">${columns(name, 2)}` +
      `<table:table-header-rows><table:table-row>${cell('SheetHead', header, 2)}</table:table-row></table:table-header-rows>` +
      `${rows}</table:table>`
    )
  },
  table: dataTable,
  signatures: (s, context) => {
    const name = tableStyle(context, [PORTRAIT_WIDTH / 2, PORTRAIT_WIDTH / 2], false)
    const block = (i: number) => {
      const sig = s.signatories[i]
      if (!sig) return cell('SignatureCell', '<text:p text:style-name="Signature"/>')
      return cell(
        'SignatureCell',
        `<text:p text:style-name="Signature_20_Organisation">${odfChars(sig.organisation)}</text:p>` +
          `<text:p text:style-name="Signature">${odfChars(sig.function)}</text:p>` +
          `<text:p text:style-name="Signature">${odfChars(sig.name)}</text:p>` +
          (sig.mandate ? `<text:p text:style-name="Signature_20_Detail">${odfChars(sig.mandate)}</text:p>` : '') +
          `<text:p text:style-name="Signature_20_Detail">${odfChars(sig.placeAndDate)}</text:p>` +
          // room to sign
          '<text:p text:style-name="Signature"/><text:p text:style-name="Signature"/><text:p text:style-name="Signature"/>',
      )
    }
    let rows = ''
    for (let i = 0; i < s.signatories.length; i += 2)
      rows += `<table:table-row>${block(i)}${block(i + 1)}</table:table-row>`
    return `<table:table table:name="${name}" table:style-name="${name}">${columns(name, 2)}${rows}</table:table>`
  },
}

const CELL_STYLES =
  '<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.08cm" fo:border="0.5pt solid #7f8c9a"/></style:style>' +
  '<style:style style:name="CellHead" style:family="table-cell"><style:table-cell-properties fo:padding="0.08cm" fo:border="0.5pt solid #7f8c9a" fo:background-color="#dfe8f1"/></style:style>' +
  '<style:style style:name="SheetHead" style:family="table-cell"><style:table-cell-properties fo:padding="0.15cm" fo:border="1.2pt solid #1f4e79" fo:background-color="#1f4e79"/></style:style>' +
  '<style:style style:name="SheetLabel" style:family="table-cell"><style:table-cell-properties fo:padding="0.12cm" fo:border-left="1.2pt solid #1f4e79" fo:border-right="0.5pt solid #b8c7d9" fo:border-top="0.5pt solid #b8c7d9" fo:border-bottom="1.2pt solid #1f4e79" fo:background-color="#eef3f8"/></style:style>' +
  '<style:style style:name="SheetValue" style:family="table-cell"><style:table-cell-properties fo:padding="0.12cm" fo:border-left="none" fo:border-right="1.2pt solid #1f4e79" fo:border-top="0.5pt solid #b8c7d9" fo:border-bottom="1.2pt solid #1f4e79"/></style:style>' +
  '<style:style style:name="SignatureCell" style:family="table-cell"><style:table-cell-properties fo:padding-top="0.15cm" fo:padding-right="0.4cm" fo:border-top="0.8pt solid #1f4e79"/></style:style>' +
  '<style:style style:name="TBold" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>' +
  '<style:style style:name="TItalic" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>' +
  '<style:style style:name="TUnderline" style:family="text"><style:text-properties style:text-underline-style="solid" style:text-underline-width="auto" style:text-underline-color="font-color"/></style:style>' +
  '<style:style style:name="TStrike" style:family="text"><style:text-properties style:text-line-through-style="solid"/></style:style>' +
  '<style:style style:name="BackToPortrait" style:family="paragraph" style:parent-style-name="Standard" style:master-page-name="Standard"/>' +
  '<style:style style:name="H1Portrait" style:family="paragraph" style:parent-style-name="Heading_20_1" style:master-page-name="Standard"/>'

function bodyXml(doc: PrintDocument, context: OdtContext): string {
  let xml = ''
  for (const element of doc.body) {
    const wide = element.kind === 'table' && element.wide
    if (context.landscape && !wide) {
      // back to a portrait page: a part's heading carries it, anything else gets an empty paragraph
      if (element.kind === 'heading' && element.level === 1) {
        xml += `<text:h text:style-name="H1Portrait" text:outline-level="1">${odfRuns(element.runs)}</text:h>`
        context.landscape = false
        continue
      }
      xml += '<text:p text:style-name="BackToPortrait"/>'
    }
    xml += (ODT[element.kind] as (e: PrintElement, c: OdtContext) => string)(element, context)
    context.landscape = wide
  }
  return xml
}

function titlePageXml(doc: PrintDocument): string {
  return (
    '<text:p text:style-name="Kind">Convention Territoriale Globale</text:p>' +
    `<text:p text:style-name="Title">${odfChars(doc.title)}</text:p>` +
    `<text:p text:style-name="Period">${odfChars(doc.period)}</text:p>` +
    (doc.parties.length
      ? '<text:p text:style-name="Centered">Entre</text:p>' +
        doc.parties.map((p) => `<text:p text:style-name="Centered">${odfChars(p)}</text:p>`).join('')
      : '') +
    `<text:p text:style-name="Status">${odfChars(doc.versionLine)}</text:p>`
  )
}

function metaXml(doc: PrintDocument): string {
  const date = doc.date.replace(/Z$/, '')
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta ${ODF_NAMESPACES} office:version="1.3"><office:meta>` +
    `<meta:generator>ctg-workspace</meta:generator><dc:title>${escapeXml(doc.title)}</dc:title><dc:language>fr-FR</dc:language>` +
    `<meta:creation-date>${date}</meta:creation-date><dc:date>${date}</dc:date>` +
    '</office:meta></office:document-meta>'
  )
}

const MANIFEST =
  '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">' +
  '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/>' +
  '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>' +
  '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>' +
  '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>' +
  '</manifest:manifest>'

/** content.xml alone (the tests read it). */
export function odtContentXml(doc: PrintDocument): string {
  const context: OdtContext = { tableStyles: [], tables: 0, landscape: false }
  const body = bodyXml(doc, context)
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content ${ODF_NAMESPACES} office:version="1.3">` +
    `<office:automatic-styles>${CELL_STYLES}${context.tableStyles.join('')}</office:automatic-styles>` +
    `<office:body><office:text>${titlePageXml(doc)}${body}</office:text></office:body></office:document-content>`
  )
}

/**
 * The convention as an OpenDocument text: ODF XML of our own, zipped deterministically
 * (`mimetype` first and stored, as ODF requires; every entry and the metadata dated `doc.date`).
 */
export function renderOdt(doc: PrintDocument): Uint8Array {
  const encode = (text: string) => new TextEncoder().encode(text)
  return deterministicZip(
    [
      { path: 'mimetype', data: encode('application/vnd.oasis.opendocument.text'), store: true },
      { path: 'META-INF/manifest.xml', data: encode(MANIFEST) },
      { path: 'content.xml', data: encode(odtContentXml(doc)) },
      { path: 'styles.xml', data: encode(odfStylesXml(doc.title, doc.versionLine)) },
      { path: 'meta.xml', data: encode(metaXml(doc)) },
    ],
    doc.date,
  )
}
