import type { Logger } from '../logger.js'
import { MemoryWindowLimits } from './MemoryWindowLimits.js'
import type { WindowLimits } from './WindowLimits.js'
import { withTimeout } from './withTimeout.js'

/** How long a request waits for Redis before it counts in this process's memory instead. */
const REDIS_WAIT_MS = 1000

/**
 * Window limits shared by every process (`shared`, Redis) when there is one that answers;
 * in this process's memory otherwise, so that a Redis outage never blocks a request (each
 * process then gives at most the limit, as without Redis).
 */
export class SharedWindowLimits implements WindowLimits {
  private readonly local = new MemoryWindowLimits()

  constructor(
    private readonly shared: WindowLimits | undefined,
    private readonly logger: Logger | undefined,
  ) {}

  async take(key: string, limit: number, windowMs: number): Promise<number> {
    if (this.shared) {
      try {
        return await withTimeout(this.shared.take(key, limit, windowMs), REDIS_WAIT_MS)
      } catch (error) {
        this.logger?.warn(`rate limits: Redis did not answer (${(error as Error).message}); counting in this process`)
      }
    }
    return this.local.take(key, limit, windowMs)
  }
}
