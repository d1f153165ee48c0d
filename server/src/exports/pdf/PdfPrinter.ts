import { constants } from 'node:fs'
import { access } from 'node:fs/promises'
import { chromium, type Browser } from 'playwright-core'
import type { PrintDocument } from '../layout/PrintDocument.js'
import { escapeHtml } from '../html/escapeHtml.js'
import { renderHtml } from '../html/renderHtml.js'
import { PdfUnavailable } from './PdfUnavailable.js'
import { stampPdfMetadata } from './stampPdfMetadata.js'

const band = (content: string) =>
  `<div style="width:100%;font-family:'DejaVu Sans',sans-serif;font-size:7.5pt;color:#555;padding:0 16mm;text-align:center">${content}</div>`

/**
 * Prints conventions to PDF with Chromium (the HTML export, the same page): one browser,
 * started on first use and kept, a fresh page per document. Header: the title; footer:
 * the version line and "page N / M". Metadata dates are then set to the document's date.
 */
export class PdfPrinter {
  private browser: Promise<Browser> | null = null

  /** `chromiumPath`: the executable (the `chromiumPath` setting) */
  constructor(private readonly chromiumPath: string) {}

  private launch(): Promise<Browser> {
    this.browser ??= access(this.chromiumPath, constants.X_OK)
      .catch(() => {
        throw new PdfUnavailable(this.chromiumPath)
      })
      .then(() =>
        chromium.launch({
          executablePath: this.chromiumPath,
          args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--font-render-hinting=none'],
        }),
      )
      .then((browser) => {
        // a crashed browser is started again on the next document
        browser.on('disconnected', () => (this.browser = null))
        return browser
      })
      .catch((error: unknown) => {
        this.browser = null
        throw error
      })
    return this.browser
  }

  async print(doc: PrintDocument, documentId: string): Promise<Uint8Array> {
    const browser = await this.launch()
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true })
    try {
      const page = await context.newPage()
      await page.setContent(renderHtml(doc), { waitUntil: 'load' })
      const pdf = await page.pdf({
        preferCSSPageSize: true,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: band(escapeHtml(doc.title)),
        footerTemplate: band(
          `${escapeHtml(doc.versionLine)} — page <span class="pageNumber"></span> / <span class="totalPages"></span>`,
        ),
        // no tagged PDF nor outline: on the 80-fiche convention they cost a third more time and
        // triple the size (1.8 MiB instead of 0.5 MiB), which pdf-lib then reads and writes again
        tagged: false,
        outline: false,
      })
      return await stampPdfMetadata(pdf, doc, documentId)
    } finally {
      await context.close()
    }
  }

  async close(): Promise<void> {
    const browser = await this.browser?.catch(() => null)
    this.browser = null
    await browser?.close()
  }
}
