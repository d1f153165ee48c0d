import type { Convention } from '@ctg/shared'
import * as Y from 'yjs'
import { Y_DOC_OPTIONS } from '../../conventions/ConventionService.js'
import { storedConvention } from '../../versions/storedConvention.js'
import { buildArchive } from '../archive/buildArchive.js'
import { assembleExport, readDocument, type ExportRecords } from '../assembleExport.js'
import { PdfPrinter } from '../pdf/PdfPrinter.js'
import { PdfUnavailable } from '../pdf/PdfUnavailable.js'
import { renderFormat } from '../renderFormat.js'
import type { ExportedFile, ExportJob, ExportProcessData, ExportReply, ExportRequest } from './exportJobs.js'

/**
 * The export process's work: lays out and renders documents and archives off the server's
 * process (docx packing, zipping, hashing, talking to Chromium and reading back its PDF).
 * Requests come over the IPC channel (`ExportProcess`); jobs run concurrently.
 */

const { chromiumPath } = JSON.parse(process.argv[2]!) as ExportProcessData
const printer = new PdfPrinter(chromiumPath)
const send = (reply: ExportReply) => {
  // a reply after the server let go of this process answers nothing
  if (process.connected) process.send!(reply)
}

/** The structured export of the convention now, as `ConventionService.exportDocument` makes it. */
function fromState(state: Uint8Array, records: ExportRecords): Convention {
  const doc = new Y.Doc(Y_DOC_OPTIONS)
  try {
    Y.applyUpdate(doc, state)
    return assembleExport(readDocument(doc), records)
  } finally {
    doc.destroy()
  }
}

/**
 * Our own export (the live one, or a version recorded in format 2) as it is: an avenant's is
 * numbered as the text it amends, which the import's checks would refuse. Format 1 is migrated.
 */
function fromJson(json: string): Convention {
  const parsed = JSON.parse(json) as Convention | { version: 1 }
  return parsed.version === 1 ? storedConvention(json) : (parsed as Convention)
}

async function run(job: ExportJob): Promise<ExportedFile> {
  if (job.kind === 'archive') return { bytes: await buildArchive(job.input, printer), title: '' }
  // a recorded version's JSON is served exactly as recorded: its SHA-256 is the version's
  if (job.kind === 'render' && job.format === 'json')
    return { bytes: new TextEncoder().encode(job.json), title: (JSON.parse(job.json) as { title: string }).title }
  const convention = job.kind === 'render' ? fromJson(job.json) : fromState(job.state, job.records)
  return { bytes: await renderFormat(job.format, convention, job.options, printer), title: convention.title }
}

process.on('message', (request: ExportRequest & { id: number }) => {
  if (request.kind === 'close') {
    void printer.close().finally(() => send({ id: request.id, bytes: new Uint8Array(), title: '' }))
    return
  }
  run(request).then(
    (file) => send({ id: request.id, ...file }),
    (error: unknown) =>
      send({
        id: request.id,
        error: error instanceof Error ? error.message : String(error),
        ...(error instanceof PdfUnavailable ? { code: error.code } : {}),
      }),
  )
})

// the server is gone (or let this process go): Chromium is closed before leaving
process.on('disconnect', () => {
  void printer.close().finally(() => process.exit(0))
})
