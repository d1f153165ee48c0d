/**
 * "At most `limit` events per key in any window of `windowMs`", counted in this process
 * (`MemoryWindowLimits`) or for every process at once (`RedisWindowLimits`).
 */
export interface WindowLimits {
  /** Records an event for `key` and answers 0, or records nothing and answers the seconds until it could. */
  take(key: string, limit: number, windowMs: number): Promise<number>
}
