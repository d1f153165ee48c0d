import { TokenBucket } from './TokenBucket.js'

/** One token bucket per key (a client address, a user), forgetting the buckets that have refilled. */
export class KeyedTokenBuckets {
  private readonly buckets = new Map<string, TokenBucket>()

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
  ) {}

  take(key: string, cost = 1): boolean {
    return this.bucket(key).take(cost)
  }

  spend(key: string, cost: number): void {
    this.bucket(key).spend(cost)
  }

  /** Whether `key` could take `cost` now, without taking it. */
  has(key: string, cost = 1): boolean {
    return this.buckets.get(key)?.has(cost) ?? true
  }

  /** Seconds until `key` could take `cost` (0: now). */
  secondsUntil(key: string, cost = 1): number {
    return this.buckets.get(key)?.secondsUntil(cost) ?? 0
  }

  private bucket(key: string): TokenBucket {
    let bucket = this.buckets.get(key)
    if (!bucket) {
      if (this.buckets.size >= 10_000) this.prune()
      bucket = new TokenBucket(this.capacity, this.perSecond)
      this.buckets.set(key, bucket)
    }
    return bucket
  }

  private prune() {
    for (const [key, bucket] of this.buckets) if (bucket.isFull()) this.buckets.delete(key)
  }
}
