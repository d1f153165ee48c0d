import type { ConventionStatus, ExportFormat } from '@ctg/shared'
import type { ArchiveInput } from '../archive/buildArchive.js'
import type { RenderOptions } from '../renderFormat.js'

/** What the server asks the export worker for. */
export type ExportJob =
  /** `json`: an export as stored or sent (a version's recorded JSON, format 1 or 2), read in the worker */
  | { kind: 'render'; format: ExportFormat; json: string; options: RenderOptions }
  | { kind: 'archive'; input: ArchiveInput }
  /** a document from the convention's Yjs state, converted in the worker (the live export's heavy part) */
  | { kind: 'renderState'; format: ExportFormat; state: Uint8Array; status: ConventionStatus; options: RenderOptions }

export type ExportRequest = { id: number; job: ExportJob } | { id: number; close: true }

export type ExportReply = { id: number; bytes: Uint8Array } | { id: number; error: string }
