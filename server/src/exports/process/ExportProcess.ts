import type { ExportFormat } from '@ctg/shared'
import { HttpError } from '../../http/HttpError.js'
import type { Logger } from '../../logger.js'
import { startTsProcess } from '../../workers/startTsProcess.js'
import { WorkerClient, WorkerLost } from '../../workers/WorkerClient.js'
import type { ArchiveInput } from '../archive/buildArchive.js'
import type { ExportRecords } from '../assembleExport.js'
import { PDF_UNAVAILABLE } from '../pdf/PdfUnavailable.js'
import type { RenderOptions } from '../renderFormat.js'
import type { ExportedFile, ExportJob, ExportProcessData, ExportReply, ExportRequest } from './exportJobs.js'

/** A job that takes longer has hung (Chromium stuck): the process is replaced. */
const JOB_TIMEOUT_MS = 120_000
/** How long closing waits for Chromium to quit before the process is stopped anyway. */
const CLOSE_WAIT_MS = 5_000
/** The export process's V8 old-generation limit (an 80-fiche DOCX or PDF uses a few hundred MiB). */
const MAX_OLD_GENERATION_MB = 1024

/** An export that failed because the export process stopped under it (crashed, killed, hung). */
export const EXPORT_FAILED = 'export_failed'

/**
 * Exports are produced in a child process (`exportProcessMain`, started on first use and kept
 * with its Chromium), so that laying out and packing an 80-fiche convention neither blocks nor
 * slows the collaboration server's event loop: every thread of that process, V8's garbage
 * collection and compilation included, runs at nice 10 (a worker thread shared V8's helper
 * threads with the main thread, at its priority). Jobs run concurrently there; a process that
 * crashes or hangs fails its jobs (`503 export_failed`) and is started again for the next ones
 * (WorkerClient).
 */
export class ExportProcess {
  private readonly process: WorkerClient<ExportRequest, ExportReply & ExportedFile>

  /** `chromiumPath`: the Chromium that prints PDF documents (the `chromiumPath` setting) */
  constructor(
    private readonly logger: Logger,
    chromiumPath: string,
  ) {
    this.process = new WorkerClient({
      name: 'export process',
      start: () =>
        startTsProcess(new URL('./exportProcessMain.ts', import.meta.url), {
          data: { chromiumPath } satisfies ExportProcessData,
          maxOldGenerationSizeMb: MAX_OLD_GENERATION_MB,
          // where Linux schedules by session (autogroup), the export's CPU time is then its own
          // group's, not the server's: DOCX exports added 3 points of waiting for a core to the
          // collaboration loop instead of 16 (bench/README.md)
          ownSession: true,
        }),
      onLost: (reason) => logger.error(`export process stopped: ${reason}`),
    })
  }

  /** A document from an export's JSON text (parsed in the export process, not here). */
  render(format: ExportFormat, json: string, options: RenderOptions): Promise<ExportedFile> {
    return this.submit({ kind: 'render', format, json, options })
  }

  /**
   * The convention now in `format`, from the document's Yjs state and the stores' records: the
   * export process converts and assembles the structured export too.
   */
  renderLive(format: ExportFormat, state: Uint8Array, records: ExportRecords, options: RenderOptions) {
    return this.submit({ kind: 'live', format, state, records, options })
  }

  async archive(input: ArchiveInput): Promise<Uint8Array> {
    return (await this.submit({ kind: 'archive', input })).bytes
  }

  private async submit(job: ExportJob): Promise<ExportedFile> {
    let timer: NodeJS.Timeout | undefined
    const timedOut = new Error('the export process hung')
    const hung = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(timedOut)
        void this.process.terminate('the export process hung')
      }, JOB_TIMEOUT_MS)
    })
    try {
      const { bytes, title } = await Promise.race([this.process.request(job), hung])
      return { bytes, title }
    } catch (error) {
      if ((error as { code?: string }).code === PDF_UNAVAILABLE) {
        this.logger.error(`export: ${(error as Error).message}`)
        throw new HttpError(503, PDF_UNAVAILABLE, 'PDF documents cannot be printed on this server (Chromium not found)')
      }
      // the process crashed, was killed or hung: not this request's fault, and the next one gets a new process
      if (error instanceof WorkerLost || error === timedOut)
        throw new HttpError(503, EXPORT_FAILED, `the export could not be made: ${(error as Error).message}`)
      throw new Error(`export failed: ${(error as Error).message}`, { cause: error })
    } finally {
      clearTimeout(timer)
    }
  }

  /** Closes Chromium and stops the process. */
  async close(): Promise<void> {
    if (!this.process.running) return
    let timer: NodeJS.Timeout | undefined
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)))
    await Promise.race([this.process.request({ kind: 'close' }).catch(() => undefined), waited])
    clearTimeout(timer)
    await this.process.terminate()
  }
}
