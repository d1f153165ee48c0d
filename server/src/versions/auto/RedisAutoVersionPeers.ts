import { randomBytes } from 'node:crypto'
import type { ChainableCommander, Redis as RedisClient } from 'ioredis'
import type { AutoVersionPeers, VersionAuthor } from './AutoVersionPeers.js'

/** A change not yet in Redis: who made it last (null: unknown), and when (ms since the epoch). */
type Mark = { author: VersionAuthor; at: number }

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

/**
 * A mark is `<ms>|<author JSON or null>`: when the change was made, and by whom. Marks reach
 * Redis late (gathered, or at a writer's leaving), so the later change wins, not the later
 * write (the processes' clocks agree within milliseconds); a change without a known author
 * keeps the name already there.
 */
const MARK = `
local at = tonumber(ARGV[1])
local author = ARGV[2]
local current = redis.call('GET', KEYS[1])
if current then
  local stamp, named = string.match(current, '^(%d+)|(.*)$')
  local currentAt = tonumber(stamp) or 0
  local currentAuthor = named or current
  if author == 'null' then author = currentAuthor
  elseif currentAt > at and currentAuthor ~= 'null' then author = currentAuthor end
  if currentAt > at then at = currentAt end
end
redis.call('SET', KEYS[1], string.format('%d', at) .. '|' .. author, 'EX', 86400)
return 1
`

/**
 * How long this process gathers the marks of changes before it writes one to Redis: typing makes
 * an update per keystroke, and the version only needs to know that the document changed and who
 * changed it last. A mark still in this process when another process takes the changes goes into
 * the next version; a process killed meanwhile loses at most this long of marks (not the edits).
 */
export const CHANGE_MARK_DELAY_MS = 200

/** The processes of a scaled-out deployment agree through Redis (keys under `<prefix>:auto:`). */
export class RedisAutoVersionPeers implements AutoVersionPeers {
  readonly acrossProcesses = true
  private readonly process = randomBytes(6).toString('hex')
  /** this process's writers, renewed while they stay */
  private readonly own = new Map<string, Set<string>>()
  private readonly renewal: NodeJS.Timeout
  /** per document, the change not yet written to Redis: its author (null when none was known) and when it was made */
  private readonly marks = new Map<string, Mark & { timer: NodeJS.Timeout }>()

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
    // the last writer leaving anywhere takes the changes: this process's mark goes first, in the
    // same round trip as the leave (a round trip more would let another process's last writer
    // leave first and record a state without its own latest change)
    const mark = this.takeMark(documentName)
    const pipeline = this.redis.pipeline()
    if (mark) this.setMark(pipeline, documentName, mark)
    pipeline.eval(LEAVE, 1, this.key(documentName, 'writers'), this.member(socketId))
    const replies = await this.run(pipeline, documentName, mark)
    return Number(replies.at(-1)?.[1]) === 0
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
    this.addMark(documentName, { author, at: Date.now() })
  }

  private addMark(documentName: string, { author, at }: Mark) {
    const mark = this.marks.get(documentName)
    if (mark) {
      // an update without a known author keeps the last one named
      if (at >= mark.at) mark.author = author ?? mark.author
      else mark.author = mark.author ?? author
      mark.at = Math.max(mark.at, at)
    } else {
      const timer = setTimeout(() => void this.writeMark(documentName).catch(() => undefined), CHANGE_MARK_DELAY_MS)
      timer.unref()
      this.marks.set(documentName, { author, at, timer })
    }
  }

  /** This process's mark of the document, taken out to be written (its timer stopped). */
  private takeMark(documentName: string) {
    const mark = this.marks.get(documentName)
    this.marks.delete(documentName)
    clearTimeout(mark?.timer)
    return mark
  }

  private async writeMark(documentName: string) {
    const mark = this.takeMark(documentName)
    if (!mark) return
    const pipeline = this.redis.pipeline()
    this.setMark(pipeline, documentName, mark)
    await this.run(pipeline, documentName, mark)
  }

  /** Runs the commands; if they fail, a mark among them is kept for the next try (`undefined`: none). */
  private async run(pipeline: ChainableCommander, documentName: string, mark: Mark | undefined) {
    try {
      const replies = (await pipeline.exec()) ?? []
      const failed = replies.find(([error]) => error)?.[0]
      if (failed) throw failed
      return replies
    } catch (error) {
      // a mark Redis did not take is kept for the next try
      if (mark) this.addMark(documentName, mark)
      throw error
    }
  }

  private setMark(pipeline: ChainableCommander, documentName: string, { author, at }: Mark) {
    pipeline.eval(MARK, 1, this.key(documentName, 'changes'), at, JSON.stringify(author))
  }

  async takeChanges(documentName: string) {
    // this process's own mark first, in the same round trip
    const mark = this.takeMark(documentName)
    const pipeline = this.redis.pipeline()
    if (mark) this.setMark(pipeline, documentName, mark)
    pipeline.getdel(this.key(documentName, 'changes'))
    const taken = (await this.run(pipeline, documentName, mark)).at(-1)?.[1] as string | null
    if (taken === null) return undefined
    // `<ms>|<author>`; a mark written before times were kept is the author alone
    return { author: JSON.parse(/^\d+\|(.*)$/s.exec(taken)?.[1] ?? taken) as VersionAuthor }
  }

  async close() {
    clearInterval(this.renewal)
    await Promise.all([...this.marks.keys()].map((documentName) => this.writeMark(documentName))).catch(() => undefined)
    const pipeline = this.redis.pipeline()
    for (const [documentName, sockets] of this.own)
      for (const socketId of sockets) pipeline.zrem(this.key(documentName, 'writers'), this.member(socketId))
    this.own.clear()
    await pipeline.exec().catch(() => undefined)
    this.redis.disconnect()
  }
}
