import { setPriority } from 'node:os'
import { parentPort, workerData } from 'node:worker_threads'
import type { Convention } from '@ctg/shared'
import * as Y from 'yjs'
import { Y_DOC_OPTIONS } from '../../conventions/ConventionService.js'
import { storedConvention } from '../../versions/storedConvention.js'
import { buildArchive } from '../archive/buildArchive.js'
import { assembleExport, readDocument, type ExportRecords } from '../assembleExport.js'
import { PdfPrinter } from '../pdf/PdfPrinter.js'
import { PdfUnavailable } from '../pdf/PdfUnavailable.js'
import { renderFormat } from '../renderFormat.js'
import type { ExportedFile, ExportJob, ExportReply, ExportRequest, ExportWorkerData } from './exportJobs.js'

/**
 * The export worker: lays out and renders documents and archives off the server's event
 * loop (docx packing, zipping, hashing, talking to Chromium and reading back its PDF).
 */
/**
 * Exports are batch work; the collaboration server's loop comes first. On Linux a nice value is
 * a thread's own and a child inherits its forking thread's: this thread and the Chromium it
 * starts give way to the main thread when the cores are busy (no effect on an idle machine).
 * Chromium sets its threads back to 0 and -8 when allowed to (a server run as root): `lowPriorityLauncher`
 * takes that right away from it.
 */
const EXPORT_NICE = 10
try {
  setPriority(EXPORT_NICE)
} catch {
  // not allowed here: exports run at the server's priority
}

const { chromiumPath } = workerData as ExportWorkerData
const printer = new PdfPrinter(chromiumPath)
const port = parentPort!

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

port.on('message', (request: ExportRequest & { id: number }) => {
  if (request.kind === 'close') {
    void printer.close().finally(() => port.postMessage({ id: request.id, bytes: new Uint8Array(), title: '' }))
    return
  }
  run(request).then(
    (file) => port.postMessage({ id: request.id, ...file } satisfies ExportReply, [file.bytes.buffer as ArrayBuffer]),
    (error: unknown) =>
      port.postMessage({
        id: request.id,
        error: error instanceof Error ? error.message : String(error),
        ...(error instanceof PdfUnavailable ? { code: error.code } : {}),
      } satisfies ExportReply),
  )
})
