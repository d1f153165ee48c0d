import { SlidingWindowLimit } from './SlidingWindowLimit.js'
import type { WindowLimits } from './WindowLimits.js'

/** Window limits in this process's memory: the default, and the fallback while Redis does not answer. */
export class MemoryWindowLimits implements WindowLimits {
  /** one sliding log per kind of limit */
  private readonly kinds = new Map<string, SlidingWindowLimit>()

  async take(key: string, limit: number, windowMs: number): Promise<number> {
    const kind = `${limit}/${windowMs}`
    let window = this.kinds.get(kind)
    if (!window) {
      window = new SlidingWindowLimit(limit, windowMs)
      this.kinds.set(kind, window)
    }
    return window.take(key) ? 0 : Math.max(Number.MIN_VALUE, window.secondsUntil(key))
  }
}
