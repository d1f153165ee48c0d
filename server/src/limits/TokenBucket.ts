/**
 * A token bucket: holds up to `capacity` tokens and refills continuously at
 * `perSecond`, so it allows bursts up to `capacity` and `perSecond` in the long run.
 */
export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = capacity
    this.last = now()
  }

  /** Takes `cost` tokens when there are enough; a refused take costs nothing. */
  take(cost = 1): boolean {
    if (!this.has(cost)) return false
    this.tokens -= cost
    return true
  }

  /** Takes `cost` whatever is left: the bucket may go into debt, and refuses until it is repaid. */
  spend(cost: number): void {
    this.refill()
    this.tokens -= cost
  }

  has(cost = 1): boolean {
    this.refill()
    return this.tokens >= cost
  }

  /** Seconds until `cost` tokens are there (0: now). */
  secondsUntil(cost = 1): number {
    this.refill()
    return this.tokens >= cost ? 0 : (cost - this.tokens) / this.perSecond
  }

  /** Refilled completely: it holds nothing worth remembering. */
  isFull(): boolean {
    this.refill()
    return this.tokens >= this.capacity
  }

  private refill() {
    const now = this.now()
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond)
    this.last = now
  }
}
