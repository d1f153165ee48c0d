import { parentPort } from 'node:worker_threads'
import { yDocToConvention, type Convention } from '@ctg/shared'
import * as Y from 'yjs'
import { Y_DOC_OPTIONS } from '../../conventions/ConventionService.js'
import { storedConvention } from '../../versions/storedConvention.js'
import { buildArchive } from '../archive/buildArchive.js'
import { PdfPrinter } from '../pdf/PdfPrinter.js'
import { renderFormat } from '../renderFormat.js'
import type { ExportJob, ExportReply, ExportRequest } from './exportJobs.js'

/**
 * The export worker: lays out and renders documents and archives off the server's event
 * loop (docx packing, zipping, hashing, talking to Chromium and reading back its PDF).
 */
const printer = new PdfPrinter()
const port = parentPort!

function fromState(state: Uint8Array): Convention {
  const doc = new Y.Doc(Y_DOC_OPTIONS)
  try {
    Y.applyUpdate(doc, state)
    return yDocToConvention(doc)
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

function run(job: ExportJob): Promise<Uint8Array> {
  if (job.kind === 'render') return renderFormat(job.format, fromJson(job.json), job.options, printer)
  if (job.kind === 'renderState')
    return renderFormat(job.format, { ...fromState(job.state), status: job.status }, job.options, printer)
  return buildArchive(job.input, printer)
}

port.on('message', (request: ExportRequest) => {
  if ('close' in request) {
    void printer.close().finally(() => port.postMessage({ id: request.id, bytes: new Uint8Array() }))
    return
  }
  run(request.job).then(
    (bytes) => port.postMessage({ id: request.id, bytes } satisfies ExportReply, [bytes.buffer as ArrayBuffer]),
    (error: unknown) =>
      port.postMessage({
        id: request.id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies ExportReply),
  )
})
