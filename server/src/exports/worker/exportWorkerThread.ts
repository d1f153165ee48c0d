import { parentPort } from 'node:worker_threads'
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

function run(job: ExportJob): Promise<Uint8Array> {
  return job.kind === 'render'
    ? renderFormat(job.format, job.convention, job.options, printer)
    : buildArchive(job.input, printer)
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
