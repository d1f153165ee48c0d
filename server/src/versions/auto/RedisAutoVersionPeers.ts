import { randomBytes } from 'node:crypto'
import type { Redis as RedisClient } from 'ioredis'
import type { AutoVersionPeers, VersionAuthor } from './AutoVersionPeers.js'

/** A process that stops without saying so (killed) holds its writers this long at most. */
const WRITER_TTL_MS = 30_000

/**
 * Writers live in a sorted set per document scored by when they expire, renewed by their
 * process; expired ones are dropped before counting, all in one script on Redis's clock, so
 * that of two last writers leaving at once exactly one sees none left.
 */
const LEAVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
return redis.call('ZCARD', KEYS[1])
`
const JOIN = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if ARGV[3] == 'XX' then
  redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[1])
else
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 1
`

/** The processes of a scaled-out deployment agree through Redis (keys under `<prefix>:auto:`). */
export class RedisAutoVersionPeers implements AutoVersionPeers {
  private readonly process = randomBytes(6).toString('hex')
  /** this process's writers, renewed while they stay */
  private readonly own = new Map<string, Set<string>>()
  private readonly renewal: NodeJS.Timeout

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {
    this.renewal = setInterval(() => void this.renew().catch(() => undefined), WRITER_TTL_MS / 3)
    this.renewal.unref()
  }

  private key(documentName: string, what: string) {
    return `${this.prefix}:auto:${documentName}:${what}`
  }

  private member(socketId: string) {
    return `${this.process}:${socketId}`
  }

  async writerJoined(documentName: string, socketId: string) {
    const sockets = this.own.get(documentName) ?? new Set<string>()
    sockets.add(socketId)
    this.own.set(documentName, sockets)
    await this.redis.eval(JOIN, 1, this.key(documentName, 'writers'), this.member(socketId), WRITER_TTL_MS)
  }

  async writerLeft(documentName: string, socketId: string) {
    const sockets = this.own.get(documentName)
    sockets?.delete(socketId)
    if (sockets?.size === 0) this.own.delete(documentName)
    const left = await this.redis.eval(LEAVE, 1, this.key(documentName, 'writers'), this.member(socketId))
    return Number(left) === 0
  }

  private async renew() {
    const pipeline = this.redis.pipeline()
    for (const [documentName, sockets] of this.own)
      for (const socketId of sockets)
        pipeline.eval(JOIN, 1, this.key(documentName, 'writers'), this.member(socketId), WRITER_TTL_MS, 'XX')
    await pipeline.exec()
  }

  async claimWindow(documentName: string, windowMs: number) {
    const key = this.key(documentName, 'window')
    if ((await this.redis.set(key, this.process, 'PX', windowMs, 'NX')) === 'OK') return 0
    return Math.max(1, await this.redis.pttl(key))
  }

  async changedBy(documentName: string, author: VersionAuthor) {
    const key = this.key(documentName, 'changes')
    // an update without a known author keeps the last one named
    if (author) await this.redis.set(key, JSON.stringify(author), 'EX', 86_400)
    else await this.redis.set(key, 'null', 'EX', 86_400, 'NX')
  }

  async takeChanges(documentName: string) {
    const taken = await this.redis.getdel(this.key(documentName, 'changes'))
    return taken === null ? undefined : { author: JSON.parse(taken) as VersionAuthor }
  }

  async close() {
    clearInterval(this.renewal)
    const pipeline = this.redis.pipeline()
    for (const [documentName, sockets] of this.own)
      for (const socketId of sockets) pipeline.zrem(this.key(documentName, 'writers'), this.member(socketId))
    this.own.clear()
    await pipeline.exec().catch(() => undefined)
    this.redis.disconnect()
  }
}
