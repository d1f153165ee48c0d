/**
 * At most `limit` events per key in any window of `windowMs` (a sliding log of the last
 * `limit` times per key): "30 messages a minute" means exactly that, with no burst beyond.
 */
export class SlidingWindowLimit {
  private readonly times = new Map<string, number[]>()

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Records an event for `key` when the window allows it; false (nothing recorded) otherwise. */
  take(key: string): boolean {
    const now = this.now()
    const times = this.recent(key, now)
    if (times.length >= this.limit) return false
    times.push(now)
    this.times.set(key, times)
    if (this.times.size > 10_000) this.prune(now)
    return true
  }

  /** Seconds until `key` may take again (0: now). */
  secondsUntil(key: string): number {
    const now = this.now()
    const times = this.recent(key, now)
    return times.length < this.limit ? 0 : (times[0]! + this.windowMs - now) / 1000
  }

  private recent(key: string, now: number): number[] {
    return (this.times.get(key) ?? []).filter((t) => now - t < this.windowMs)
  }

  private prune(now: number) {
    for (const [key, times] of this.times) if (now - times[times.length - 1]! >= this.windowMs) this.times.delete(key)
  }
}
