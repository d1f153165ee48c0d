import { HttpError } from '../http/HttpError.js'
import type { Logger } from '../logger.js'
import type { FailureBuckets, FailureLimit } from './FailureBuckets.js'
import { MemoryFailureBuckets } from './MemoryFailureBuckets.js'
import { withTimeout } from './withTimeout.js'

/** How long a sign-in waits for Redis before it counts in this process's memory instead. */
const REDIS_WAIT_MS = 1000

/**
 * Password guessing is slowed per client address and per account: only failed attempts
 * count, so a person who types their password right is never held back. Each attempt
 * is charged up front and refunded on success, so parallel guesses cannot all slip in
 * while the first ones are being checked. Per account, 5
 * failures then one a minute (a guess of a 12-character password is hopeless at that
 * pace); per address, 30 then one every 20 seconds (a whole office behind one NAT still
 * signs in).
 *
 * With Redis (`shared`), the buckets are shared by every process, so N processes do not
 * give N times the guesses. While Redis does not answer, each process counts in its own
 * memory: sign-in keeps working, limited per process as without Redis (docs/security.md).
 */
export class LoginLimits {
  private readonly local = new MemoryFailureBuckets()

  constructor(
    private readonly options: { failuresPerAddress: number; failuresPerAccount: number },
    private readonly shared?: FailureBuckets,
    private readonly logger?: Logger,
  ) {}

  /** Refuses with 429 while either limit is reached; the caller reports a success. */
  async attempt(address: string, email: string): Promise<{ succeeded(): Promise<void> }> {
    const limits: FailureLimit[] = [
      { key: `address:${address}`, capacity: this.options.failuresPerAddress, perSecond: 1 / 20 },
      { key: `account:${email}`, capacity: this.options.failuresPerAccount, perSecond: 1 / 60 },
    ]
    const { buckets, wait } = await this.take(limits)
    if (wait > 0) {
      throw new HttpError(
        429,
        'too_many_attempts',
        'too many failed sign-in attempts: try again later',
        undefined,
        Math.ceil(wait),
      )
    }
    return {
      succeeded: () =>
        buckets
          .refund(limits)
          .catch((error: Error) => this.logger?.warn(`login limits: refund failed (${error.message})`)),
    }
  }

  private async take(limits: FailureLimit[]): Promise<{ buckets: FailureBuckets; wait: number }> {
    if (this.shared) {
      try {
        return { buckets: this.shared, wait: await withTimeout(this.shared.take(limits), REDIS_WAIT_MS) }
      } catch (error) {
        this.logger?.warn(`login limits: Redis did not answer (${(error as Error).message}); counting in this process`)
      }
    }
    return { buckets: this.local, wait: await this.local.take(limits) }
  }
}
