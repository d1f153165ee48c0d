import { createHash } from 'node:crypto'
import { PDFArray, PDFDocument, PDFHexString, PDFName } from 'pdf-lib'
import type { PrintDocument } from '../layout/PrintDocument.js'

/**
 * Chromium dates a PDF now and gives it a random document id: both are replaced, so that
 * the same version always prints to the same bytes (the archive is byte-identical). Dates
 * are the document's date (a version's `createdAt`); the id is derived from `documentId`.
 */
export async function stampPdfMetadata(pdf: Uint8Array, doc: PrintDocument, documentId: string): Promise<Uint8Array> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false })
  const date = new Date(doc.date)
  document.setTitle(doc.title, { showInWindowTitleBar: true })
  document.setLanguage('fr-FR')
  document.setCreator('ctg-workspace')
  document.setProducer('ctg-workspace (Chromium, pdf-lib)')
  document.setCreationDate(date)
  document.setModificationDate(date)
  const id = PDFHexString.of(createHash('sha256').update(documentId).digest('hex').slice(0, 32))
  document.context.trailerInfo.ID = document.context.obj([id, id]) as PDFArray
  // Skia writes XMP metadata with its own dates and ids: drop it, the Info dictionary says it all
  document.catalog.delete(PDFName.of('Metadata'))
  return document.save({ useObjectStreams: false, updateFieldAppearances: false })
}
