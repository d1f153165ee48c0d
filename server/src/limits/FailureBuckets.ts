/** One limit on failed attempts: a token bucket of `capacity` refilled at `perSecond`, under `key`. */
export interface FailureLimit {
  key: string
  capacity: number
  perSecond: number
}

/**
 * Where the buckets of failed sign-ins live: in this process's memory, or in Redis so that
 * every process counts the same failures.
 */
export interface FailureBuckets {
  /**
   * Takes one token from every bucket at once when each has one, and answers 0; otherwise
   * takes nothing and answers the seconds until each would have one.
   */
  take(limits: FailureLimit[]): Promise<number>
  /** Gives the token back (the attempt succeeded). */
  refund(limits: FailureLimit[]): Promise<void>
}
