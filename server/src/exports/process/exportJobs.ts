import type { ExportFormat } from '@ctg/shared'
import type { ArchiveInput } from '../archive/buildArchive.js'
import type { ExportRecords } from '../assembleExport.js'
import type { PDF_UNAVAILABLE } from '../pdf/PdfUnavailable.js'
import type { RenderOptions } from '../renderFormat.js'

/** What the server asks the export process for. */
export type ExportJob =
  /** `json`: an export as stored or sent (a version's recorded JSON, format 1 or 2), read in the export process */
  | { kind: 'render'; format: ExportFormat; json: string; options: RenderOptions }
  | { kind: 'archive'; input: ArchiveInput }
  /**
   * the convention now, from its Yjs state and the stores' records: the export process converts the
   * state and assembles the structured export (comments, plénières, lifecycle) itself
   */
  | { kind: 'live'; format: ExportFormat; state: Uint8Array; records: ExportRecords; options: RenderOptions }

/** A job, or closing Chromium before the process is stopped (WorkerClient adds the `id`). */
export type ExportRequest = ExportJob | { kind: 'close' }

/** A made file, and the title of the convention it was made from (for its file name). */
export interface ExportedFile {
  bytes: Uint8Array
  title: string
}

/** `code`: an error the client is told about (`pdf_unavailable`); others are the server's own */
export type ExportReply = ({ id: number } & ExportedFile) | { id: number; error: string; code?: typeof PDF_UNAVAILABLE }

/** What the export process is started with. */
export interface ExportProcessData {
  chromiumPath: string
}
