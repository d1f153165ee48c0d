/** The error code answered (HTTP 503) when PDF documents cannot be printed on this server. */
export const PDF_UNAVAILABLE = 'pdf_unavailable'

/** No Chromium where the `chromiumPath` setting says: PDF exports and archives cannot be made. */
export class PdfUnavailable extends Error {
  readonly code = PDF_UNAVAILABLE
  constructor(readonly chromiumPath: string) {
    super(`no Chromium to print PDF documents at ${chromiumPath} (setting CHROMIUM_PATH)`)
  }
}
