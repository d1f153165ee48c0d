import type { Convention, ExportFormat } from '@ctg/shared'
import type { ArchiveInput } from '../archive/buildArchive.js'
import type { RenderOptions } from '../renderFormat.js'

/** What the server asks the export worker for. */
export type ExportJob =
  | { kind: 'render'; format: ExportFormat; convention: Convention; options: RenderOptions }
  | { kind: 'archive'; input: ArchiveInput }

export type ExportRequest = { id: number; job: ExportJob } | { id: number; close: true }

export type ExportReply = { id: number; bytes: Uint8Array } | { id: number; error: string }
