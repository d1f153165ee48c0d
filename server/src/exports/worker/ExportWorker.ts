import type { Worker } from 'node:worker_threads'
import type { ExportFormat } from '@ctg/shared'
import type { Logger } from '../../logger.js'
import { startTsWorker } from '../../workers/startTsWorker.js'
import type { ArchiveInput } from '../archive/buildArchive.js'
import type { ExportRecords } from '../assembleExport.js'
import type { RenderOptions } from '../renderFormat.js'
import { HttpError } from '../../http/HttpError.js'
import { PDF_UNAVAILABLE } from '../pdf/PdfUnavailable.js'
import type { ExportedFile, ExportJob, ExportReply, ExportWorkerData } from './exportJobs.js'

/** A job that takes longer has hung (Chromium stuck): the worker is replaced. */
const JOB_TIMEOUT_MS = 120_000

interface Pending {
  resolve(file: ExportedFile): void
  reject(error: Error): void
  timer: NodeJS.Timeout
}

/**
 * Exports are produced in a worker thread (started on first use, kept), so that laying out
 * and packing an 80-fiche convention never blocks the collaboration server's event loop.
 * Jobs run concurrently in the worker; a crashed or hung worker fails its jobs and is
 * started again for the next ones.
 */
export class ExportWorker {
  private worker: Worker | null = null
  private nextId = 1
  private readonly pending = new Map<number, Pending>()

  /** `chromiumPath`: the Chromium that prints PDF documents (the `chromiumPath` setting) */
  constructor(
    private readonly logger: Logger,
    private readonly chromiumPath: string,
  ) {}

  /** A document from an export's JSON text (parsed in the worker, not here). */
  render(format: ExportFormat, json: string, options: RenderOptions): Promise<ExportedFile> {
    return this.submit({ kind: 'render', format, json, options })
  }

  /**
   * The convention now in `format`, from the document's Yjs state and the stores' records: the
   * worker converts and assembles the structured export too (the state is transferred, not copied).
   */
  renderLive(format: ExportFormat, state: Uint8Array, records: ExportRecords, options: RenderOptions) {
    return this.submit({ kind: 'live', format, state, records, options }, [state.buffer as ArrayBuffer])
  }

  async archive(input: ArchiveInput): Promise<Uint8Array> {
    return (await this.submit({ kind: 'archive', input })).bytes
  }

  private start(): Worker {
    if (this.worker) return this.worker
    const worker = startTsWorker(new URL('./exportWorkerThread.ts', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
      workerData: { chromiumPath: this.chromiumPath } satisfies ExportWorkerData,
    })
    worker.on('message', (reply: ExportReply) => {
      const job = this.pending.get(reply.id)
      if (!job) return
      this.pending.delete(reply.id)
      clearTimeout(job.timer)
      if ('error' in reply && reply.code === PDF_UNAVAILABLE) {
        this.logger.error(`export: ${reply.error}`)
        job.reject(
          new HttpError(503, PDF_UNAVAILABLE, 'PDF documents cannot be printed on this server (Chromium not found)'),
        )
      } else if ('error' in reply) job.reject(new Error(`export failed: ${reply.error}`))
      else job.resolve(reply)
    })
    const fail = (error: Error) => {
      if (this.worker !== worker) return
      this.worker = null
      this.logger.error('export worker stopped', error)
      for (const [id, job] of this.pending) {
        clearTimeout(job.timer)
        job.reject(error)
        this.pending.delete(id)
      }
    }
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`export worker exited (${code})`)))
    worker.unref()
    this.worker = worker
    return worker
  }

  private submit(job: ExportJob, transfer: ArrayBuffer[] = []): Promise<ExportedFile> {
    const worker = this.start()
    const id = this.nextId++
    return new Promise<ExportedFile>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new Error('export timed out'))
        void worker.terminate()
      }, JOB_TIMEOUT_MS)
      this.pending.set(id, { resolve, reject, timer })
      worker.postMessage({ id, job }, transfer)
    })
  }

  /** Closes Chromium and stops the worker. */
  async close(): Promise<void> {
    const worker = this.worker
    if (!worker) return
    const id = this.nextId++
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 5_000)
      this.pending.set(id, { resolve: () => resolve(), reject: () => resolve(), timer })
      worker.postMessage({ id, close: true })
    })
    this.worker = null
    await worker.terminate()
  }
}
