import { Redis } from '@hocuspocus/extension-redis'
import type { Logger } from '../logger.js'
import { createRedisClient } from '../redis/createRedisClient.js'

export interface RedisScaleOutOptions {
  url: string
  /** key and channel prefix, so that several deployments can share one Redis (also names the connections) */
  prefix: string
  /** how often every loaded document re-exchanges state with the other processes */
  resyncIntervalMs: number
}

/**
 * Several server processes serve the same conventions: Hocuspocus's Redis extension
 * relays each change to the processes that have the document open (by state
 * vector: a change publishes a SyncStep1 and peers answer with what is missing).
 *
 * Redis pub/sub is at-most-once: a message published while a subscriber is
 * disconnected is lost, and until the next change to that document the processes
 * would disagree. So every loaded document re-exchanges its state vector when the
 * subscription comes back, and every `resyncIntervalMs` as a safety net.
 */
export class RedisScaleOut extends Redis {
  private readonly resyncTimer: NodeJS.Timeout

  constructor(options: RedisScaleOutOptions, logger: Logger) {
    super({
      prefix: options.prefix,
      createClient: () => createRedisClient(options.url, options.prefix, logger),
    })
    // 'ready' follows every reconnection, after ioredis has subscribed again
    this.sub.on('ready', () => this.resyncAll())
    this.resyncTimer = setInterval(() => this.resyncAll(), options.resyncIntervalMs).unref()
  }

  private resyncAll() {
    if (!this.instance) return
    for (const [name, document] of this.instance.documents) {
      this['publishFirstSyncStep'](name, document).catch(() => undefined)
    }
  }

  override async onDestroy() {
    clearInterval(this.resyncTimer)
    await super.onDestroy()
  }
}
