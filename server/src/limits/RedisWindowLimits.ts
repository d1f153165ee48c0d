import { randomBytes } from 'node:crypto'
import type { Redis as RedisClient } from 'ioredis'
import type { WindowLimits } from './WindowLimits.js'

/**
 * A sliding log per key in a sorted set scored by time, on Redis's clock, checked and
 * written by one script: N processes give no more than the limit between them.
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return tostring(math.max(1, tonumber(oldest[2]) + window - now) / 1000)
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window)
return '0'
`

export class RedisWindowLimits implements WindowLimits {
  constructor(
    private readonly redis: RedisClient,
    /** the deployment's prefix: `<prefix>#window#<key>` */
    private readonly prefix: string,
  ) {}

  async take(key: string, limit: number, windowMs: number): Promise<number> {
    // each event its own member, even two in the same millisecond
    const event = randomBytes(8).toString('hex')
    const wait = await this.redis.eval(TAKE, 1, `${this.prefix}#window#${key}`, limit, windowMs, event)
    return Number(wait)
  }
}
