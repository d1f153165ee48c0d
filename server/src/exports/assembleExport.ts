import { yDocToConvention, type Convention } from '@ctg/shared'
import type * as Y from 'yjs'
import type { ThreadWithMessages } from '../comments/CommentStore.js'
import { exportedComments } from '../comments/exportedComments.js'
import { readAnchors, type DocumentAnchors } from '../comments/readAnchors.js'
import { exportedPlenaries, type PlenaryExportRows } from '../plenary/exportedPlenaries.js'
import { fichesOf } from '../plenary/fichesOf.js'
import { lifecycleFields, type LifecycleRows } from '../versions/lifecycleFields.js'

/**
 * What the structured export takes from the stores besides the document: plain data, cheap to
 * read on the server's thread and to post to the export worker, which does the rest.
 */
export interface ExportRecords {
  /** the convention's comment threads (a plénière's participants' ones too) */
  threads: ThreadWithMessages[]
  plenaries: PlenaryExportRows
  /** null: the export has no lifecycle fields */
  lifecycle: LifecycleRows | null
}

/** What the export reads from the document, taken at one moment. */
export interface DocumentReading {
  convention: Convention
  anchors: DocumentAnchors
  ficheIds: string[]
}

export function readDocument(doc: Y.Doc): DocumentReading {
  return { convention: yDocToConvention(doc), anchors: readAnchors(doc), ficheIds: fichesOf(doc).map((f) => f.id) }
}

/** The structured export: the document's content with its comments, plénières and lifecycle fields. */
export function assembleExport({ convention, anchors, ficheIds }: DocumentReading, records: ExportRecords): Convention {
  const comments = exportedComments(records.threads, anchors)
  const plenaries = exportedPlenaries(records.plenaries, records.threads, ficheIds, anchors)
  const fields = records.lifecycle ? lifecycleFields(convention, records.lifecycle) : {}
  return { ...convention, comments, plenaries, ...fields }
}
