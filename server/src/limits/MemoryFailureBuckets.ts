import type { FailureBuckets, FailureLimit } from './FailureBuckets.js'
import { KeyedTokenBuckets } from './KeyedTokenBuckets.js'

/** Failure buckets in this process's memory: the default, and the fallback while Redis is unreachable. */
export class MemoryFailureBuckets implements FailureBuckets {
  /** one set of buckets per kind of limit (capacity and rate), keyed by address or account */
  private readonly kinds = new Map<string, KeyedTokenBuckets>()

  async take(limits: FailureLimit[]): Promise<number> {
    const wait = Math.max(...limits.map((limit) => this.bucketsOf(limit).secondsUntil(limit.key)))
    if (wait > 0) return wait
    for (const limit of limits) this.bucketsOf(limit).spend(limit.key, 1)
    return 0
  }

  async refund(limits: FailureLimit[]): Promise<void> {
    for (const limit of limits) this.bucketsOf(limit).spend(limit.key, -1)
  }

  private bucketsOf({ capacity, perSecond }: FailureLimit): KeyedTokenBuckets {
    const kind = `${capacity}/${perSecond}`
    let buckets = this.kinds.get(kind)
    if (!buckets) {
      buckets = new KeyedTokenBuckets(capacity, perSecond)
      this.kinds.set(kind, buckets)
    }
    return buckets
  }
}
