import { HttpError } from '../http/HttpError.js'
import type { WindowLimits } from './WindowLimits.js'

/** Counts one event of `key` against "at most `perMinute` in any minute", or refuses with 429 and `Retry-After`. */
export async function takePerMinute(
  limits: WindowLimits,
  key: string,
  perMinute: number,
  refusal: { code: string; message: string },
): Promise<void> {
  const wait = await limits.take(key, perMinute, 60_000)
  if (wait > 0) throw new HttpError(429, refusal.code, refusal.message, undefined, Math.max(1, Math.ceil(wait)))
}
