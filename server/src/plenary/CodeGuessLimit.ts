import { HttpError } from '../http/HttpError.js'
import type { FailureBuckets, FailureLimit } from '../limits/FailureBuckets.js'
import { MemoryFailureBuckets } from '../limits/MemoryFailureBuckets.js'
import { withTimeout } from '../limits/withTimeout.js'
import type { Logger } from '../logger.js'

/** Unknown codes an address may try: a burst, then one every 10 seconds. */
const BURST = 20
const PER_SECOND = 1 / 10
/** How long a lookup waits for Redis before counting in this process's memory. */
const REDIS_WAIT_MS = 1000

/**
 * Failed plénière code guesses, per client address: only unknown codes are charged, so a
 * room of 200 phones behind one address joins at once, while guessing a 6-character code
 * (31⁶ ≈ 887 million) stays hopeless. With Redis the buckets are shared by every process (N
 * processes do not give N times the guesses); an address found over its budget is also
 * refused for a right code, here, until the budget refills.
 */
export class CodeGuessLimit {
  private readonly local = new MemoryFailureBuckets()
  /** address → when its guesses are allowed again (ms, this process's clock) */
  private readonly blocked = new Map<string, number>()

  constructor(
    private readonly shared?: FailureBuckets,
    private readonly logger?: Logger,
  ) {}

  /** Refuses with 429 while the address is over its budget. */
  check(address: string): void {
    const until = this.blocked.get(address)
    if (until === undefined) return
    const left = until - Date.now()
    if (left <= 0) {
      this.blocked.delete(address)
      return
    }
    throw tooMany(left / 1000)
  }

  /** Charges an unknown code; refuses with 429 when the address had no guess left. */
  async failed(address: string): Promise<void> {
    const limits: FailureLimit[] = [{ key: `plenary-code:${address}`, capacity: BURST, perSecond: PER_SECOND }]
    const wait = await this.take(limits)
    if (wait <= 0) return
    this.blocked.set(address, Date.now() + wait * 1000)
    if (this.blocked.size > 10_000) this.prune()
    throw tooMany(wait)
  }

  private async take(limits: FailureLimit[]): Promise<number> {
    if (this.shared) {
      try {
        return await withTimeout(this.shared.take(limits), REDIS_WAIT_MS)
      } catch (error) {
        this.logger?.warn(`code guesses: Redis did not answer (${(error as Error).message}); counting in this process`)
      }
    }
    return this.local.take(limits)
  }

  private prune() {
    const now = Date.now()
    for (const [address, until] of this.blocked) if (until <= now) this.blocked.delete(address)
  }
}

function tooMany(seconds: number) {
  return new HttpError(
    429,
    'too_many_attempts',
    'too many unknown codes: try again later',
    undefined,
    Math.max(1, Math.ceil(seconds)),
  )
}
