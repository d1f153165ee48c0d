import { constants } from 'node:fs'
import { access } from 'node:fs/promises'
import type { Browser, BrowserContext } from 'playwright-core'
import type { PrintDocument } from '../layout/PrintDocument.js'
import { renderHtml } from '../html/renderHtml.js'
import { lowPriorityLauncher } from './lowPriorityLauncher.js'
import { pageBandsCss } from './pageBandsCss.js'
import { PdfUnavailable } from './PdfUnavailable.js'

/**
 * Prints conventions to PDF with Chromium (the HTML export, the same page): one browser,
 * and one context started on first use and kept, a fresh page per document. Header: the title;
 * footer: the version line and "page N / M" (`pageBandsCss`). Metadata dates are then set to
 * the document's date. Chromium is started at the nice of the thread that starts it, and kept there
 * (`lowPriorityLauncher`).
 */
export class PdfPrinter {
  private browser: Promise<Browser> | null = null
  /** one context for every document (no script, offline): a new one costs 0.3 to 0.9 s on a busy machine */
  private context: Promise<BrowserContext> | null = null

  /** `chromiumPath`: the executable (the `chromiumPath` setting) */
  constructor(private readonly chromiumPath: string) {}

  private launch(): Promise<Browser> {
    this.browser ??= access(this.chromiumPath, constants.X_OK)
      .catch(() => {
        throw new PdfUnavailable(this.chromiumPath)
      })
      .then(() => lowPriorityLauncher(this.chromiumPath))
      .then(async (launcher) => {
        // Playwright is loaded with the first PDF: an export worker that serves other formats never loads it
        const { chromium } = await import('playwright-core')
        const start = (executablePath: string) =>
          chromium.launch({
            executablePath,
            args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--font-render-hinting=none'],
          })
        try {
          return await start(launcher.executablePath).catch((error: unknown) => {
            // a launcher that cannot run (a temporary folder mounted noexec): Chromium as it is
            if (launcher.executablePath === this.chromiumPath) throw error
            return start(this.chromiumPath)
          })
        } finally {
          // the launcher has exec'd Chromium by now: its file is not needed any more
          await launcher.dispose()
        }
      })
      .then((browser) => {
        // a crashed browser is started again on the next document
        browser.on('disconnected', () => {
          this.browser = null
          this.context = null
        })
        return browser
      })
      .catch((error: unknown) => {
        this.browser = null
        throw error
      })
    return this.browser
  }

  private pages(): Promise<BrowserContext> {
    this.context ??= this.launch()
      .then((browser) => browser.newContext({ javaScriptEnabled: false, offline: true }))
      .catch((error: unknown) => {
        this.context = null
        throw error
      })
    return this.context
  }

  async print(doc: PrintDocument, documentId: string): Promise<Uint8Array> {
    const page = await (await this.pages()).newPage()
    try {
      const html = renderHtml(doc).replace('</style>', () => `${pageBandsCss(doc)}</style>`)
      await page.setContent(html, { waitUntil: 'load' })
      const pdf = await page.pdf({
        preferCSSPageSize: true,
        printBackground: true,
        // no tagged PDF nor outline: on the 80-fiche convention they cost a third more time and
        // triple the size (1.8 MiB instead of 0.5 MiB), which pdf-lib then reads and writes again
        tagged: false,
        outline: false,
      })
      const { stampPdfMetadata } = await import('./stampPdfMetadata.js')
      return await stampPdfMetadata(pdf, doc, documentId)
    } finally {
      await page.close()
    }
  }

  async close(): Promise<void> {
    const browser = await this.browser?.catch(() => null)
    this.browser = null
    this.context = null
    await browser?.close()
  }
}
