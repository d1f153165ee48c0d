import type { Convention, ExportFormat } from '@ctg/shared'
import { renderHtml } from './html/renderHtml.js'
import { layoutConvention, type LayoutOptions } from './layout/layoutConvention.js'
import { renderMarkdown } from './markdown/renderMarkdown.js'
import { renderOdt } from './odt/renderOdt.js'
import type { PdfPrinter } from './pdf/PdfPrinter.js'

export interface RenderOptions extends LayoutOptions {
  /** what the PDF's document id is derived from (the version id, or the convention's and the date) */
  documentId: string
}

const encode = (text: string) => new TextEncoder().encode(text)

type Renderer = (
  convention: Convention,
  options: RenderOptions,
  printer: PdfPrinter,
) => Promise<Uint8Array> | Uint8Array

/** One renderer per format, from the structured JSON (the same JSON the archive holds). */
const RENDERERS: Record<ExportFormat, Renderer> = {
  json: (convention) => encode(JSON.stringify(convention)),
  html: (convention, options) => encode(renderHtml(layoutConvention(convention, options))),
  md: (convention, options) => encode(renderMarkdown(layoutConvention(convention, options))),
  // docx is a large library: loaded with the first DOCX, not by every export worker
  docx: async (convention, options) =>
    (await import('./docx/renderDocx.js')).renderDocx(layoutConvention(convention, options)),
  odt: (convention, options) => renderOdt(layoutConvention(convention, options)),
  pdf: (convention, options, printer) => printer.print(layoutConvention(convention, options), options.documentId),
}

export async function renderFormat(
  format: ExportFormat,
  convention: Convention,
  options: RenderOptions,
  printer: PdfPrinter,
): Promise<Uint8Array> {
  return RENDERERS[format](convention, options, printer)
}
