import type { Redis as RedisClient } from 'ioredis'
import type { FailureBuckets, FailureLimit } from './FailureBuckets.js'

/**
 * The same token buckets as in memory, kept in Redis hashes (`tokens`, `at` in ms) and
 * changed by one script, so that all the buckets of an attempt are checked and taken
 * atomically across processes. Time is Redis's own clock, the same for every process.
 * A bucket expires once it would be full again: nothing is left behind.
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local n = #KEYS
local tokens = {}
local wait = 0
for i = 1, n do
  local capacity = tonumber(ARGV[2 * i - 1])
  local perMs = tonumber(ARGV[2 * i]) / 1000
  local state = redis.call('HMGET', KEYS[i], 'tokens', 'at')
  local left = tonumber(state[1]) or capacity
  local at = tonumber(state[2]) or now
  left = math.min(capacity, left + (now - at) * perMs)
  tokens[i] = left
  if left < 1 then wait = math.max(wait, (1 - left) / perMs / 1000) end
end
local cost = tonumber(ARGV[2 * n + 1])
if cost > 0 and wait > 0 then return tostring(wait) end
for i = 1, n do
  local capacity = tonumber(ARGV[2 * i - 1])
  local perMs = tonumber(ARGV[2 * i]) / 1000
  local left = math.min(capacity, tokens[i] - cost)
  redis.call('HSET', KEYS[i], 'tokens', tostring(left), 'at', tostring(now))
  redis.call('PEXPIRE', KEYS[i], math.max(1, math.ceil((capacity - left) / perMs)))
end
return '0'
`

export class RedisFailureBuckets implements FailureBuckets {
  constructor(
    private readonly redis: RedisClient,
    /** the deployment's prefix: `<prefix>#login#<key>` */
    private readonly prefix: string,
  ) {}

  async take(limits: FailureLimit[]): Promise<number> {
    return Number(await this.run(limits, 1))
  }

  async refund(limits: FailureLimit[]): Promise<void> {
    await this.run(limits, -1)
  }

  private run(limits: FailureLimit[], cost: number): Promise<string> {
    const keys = limits.map((limit) => `${this.prefix}#login#${limit.key}`)
    const args = limits.flatMap((limit) => [String(limit.capacity), String(limit.perSecond)])
    return this.redis.eval(TAKE, keys.length, ...keys, ...args, String(cost)) as Promise<string>
  }
}
