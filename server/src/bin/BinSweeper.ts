import type { Logger } from '../logger.js'
import type { ConventionBin } from './ConventionBin.js'

/**
 * Purges the bin once at start and then every `intervalMs`. Several processes may sweep
 * the same database: a purge is one transaction that deletes only what is past its date,
 * so a second sweep finds nothing left to do.
 */
export class BinSweeper {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly bin: ConventionBin,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start() {
    this.sweep()
    this.timer = setInterval(() => this.sweep(), this.intervalMs)
    this.timer.unref()
  }

  /** Stops sweeping; resolves once a sweep under way has finished (before the database closes). */
  async stop() {
    clearInterval(this.timer)
    await this.running
  }

  private sweep() {
    this.running = this.running
      .then(() => this.bin.purgeExpired())
      .catch((error) => this.logger.error('bin: purge failed', error))
  }
}
