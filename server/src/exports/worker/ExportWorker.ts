import type { ExportFormat } from '@ctg/shared'
import { HttpError } from '../../http/HttpError.js'
import type { Logger } from '../../logger.js'
import { startTsWorker } from '../../workers/startTsWorker.js'
import { WorkerClient } from '../../workers/WorkerClient.js'
import type { ArchiveInput } from '../archive/buildArchive.js'
import type { ExportRecords } from '../assembleExport.js'
import { PDF_UNAVAILABLE } from '../pdf/PdfUnavailable.js'
import type { RenderOptions } from '../renderFormat.js'
import type { ExportedFile, ExportJob, ExportReply, ExportRequest, ExportWorkerData } from './exportJobs.js'

/** A job that takes longer has hung (Chromium stuck): the worker is replaced. */
const JOB_TIMEOUT_MS = 120_000
/** How long closing waits for Chromium to quit before the thread is stopped anyway. */
const CLOSE_WAIT_MS = 5_000

/**
 * Exports are produced in a worker thread (started on first use, kept), so that laying out
 * and packing an 80-fiche convention never blocks the collaboration server's event loop.
 * Jobs run concurrently in the worker; a crashed or hung worker fails its jobs and is
 * started again for the next ones (WorkerClient).
 */
export class ExportWorker {
  private readonly thread: WorkerClient<ExportRequest, ExportReply & ExportedFile>

  /** `chromiumPath`: the Chromium that prints PDF documents (the `chromiumPath` setting) */
  constructor(
    private readonly logger: Logger,
    chromiumPath: string,
  ) {
    this.thread = new WorkerClient({
      name: 'export worker',
      start: () => {
        const worker = startTsWorker(new URL('./exportWorkerThread.ts', import.meta.url), {
          resourceLimits: { maxOldGenerationSizeMb: 1024 },
          workerData: { chromiumPath } satisfies ExportWorkerData,
        })
        // an idle export worker never keeps the process alive
        worker.unref()
        return worker
      },
      onLost: (reason) => logger.error(`export worker stopped: ${reason}`),
    })
  }

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

  private async submit(job: ExportJob, transfer: ArrayBuffer[] = []): Promise<ExportedFile> {
    let timer: NodeJS.Timeout | undefined
    const hung = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new Error('export timed out'))
        void this.thread.terminate('the export worker hung')
      }, JOB_TIMEOUT_MS)
    })
    try {
      const { bytes, title } = await Promise.race([this.thread.request(job, transfer), hung])
      return { bytes, title }
    } catch (error) {
      if ((error as { code?: string }).code === PDF_UNAVAILABLE) {
        this.logger.error(`export: ${(error as Error).message}`)
        throw new HttpError(503, PDF_UNAVAILABLE, 'PDF documents cannot be printed on this server (Chromium not found)')
      }
      throw new Error(`export failed: ${(error as Error).message}`, { cause: error })
    } finally {
      clearTimeout(timer)
    }
  }

  /** Closes Chromium and stops the worker. */
  async close(): Promise<void> {
    if (!this.thread.running) return
    let timer: NodeJS.Timeout | undefined
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)))
    await Promise.race([this.thread.request({ kind: 'close' }).catch(() => undefined), waited])
    clearTimeout(timer)
    await this.thread.terminate()
  }
}
