import type { PrintRun } from '../layout/PrintDocument.js'
import { safeHref } from '../html/escapeHtml.js'

export const escapeXml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)

/** Text as ODF character content: ODF collapses white space, so runs of spaces, tabs and line breaks are elements. */
export function odfChars(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      escapeXml(line)
        .replace(/\t/g, '<text:tab/>')
        .replace(/ {2,}/g, (spaces) => ` <text:s text:c="${spaces.length - 1}"/>`)
        .replace(/^ /, '<text:s/>'),
    )
    .join('<text:line-break/>')
}

/** The automatic text styles a mark maps to (declared in content.xml). */
const MARK_STYLES = { bold: 'TBold', italic: 'TItalic', underline: 'TUnderline', strike: 'TStrike' } as const

export function odfRun(run: PrintRun): string {
  let xml = odfChars(run.text)
  for (const mark of run.marks ?? []) {
    if (mark.type === 'link') {
      const href = safeHref(mark.href)
      if (href) xml = `<text:a xlink:type="simple" xlink:href="${escapeXml(href)}">${xml}</text:a>`
    } else xml = `<text:span text:style-name="${MARK_STYLES[mark.type]}">${xml}</text:span>`
  }
  return xml
}

export const odfRuns = (runs: PrintRun[]) => runs.map(odfRun).join('')
