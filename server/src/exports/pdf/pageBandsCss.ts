import type { PrintDocument } from '../layout/PrintDocument.js'

/** Quotes, backslashes, `<`, `>` and control characters, as CSS hex escapes. */
const needsEscape = (c: string) => /[\\"<>]/.test(c) || c < ' ' || c === '\u007f'

/** A CSS string literal of `text`, safe inside a `<style>` element. */
const cssString = (text: string) =>
  `"${[...text].map((c) => (needsEscape(c) ? `\\${c.charCodeAt(0).toString(16)} ` : c)).join('')}"`

/**
 * The printed header (the title) and footer (the version line and "page N / M") as CSS page
 * margin boxes, on portrait and landscape pages. Chromium lays them out with the document;
 * its `displayHeaderFooter` templates instead cost a second layout per page (on 80 fiches,
 * about 0.5 to 1 s of a 2 to 3 s print).
 */
export function pageBandsCss(doc: PrintDocument): string {
  const band = "font-family: 'DejaVu Sans', sans-serif; font-size: 7.5pt; color: #555;"
  const boxes =
    `@top-center { content: ${cssString(doc.title)}; ${band} } ` +
    `@bottom-center { content: ${cssString(`${doc.versionLine} — page `)} counter(page) " / " counter(pages); ${band} }`
  return `@page { ${boxes} } @page wide { ${boxes} }`
}
