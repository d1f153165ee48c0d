import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { Logger } from '../logger.js'
import { createRedisClient } from '../redis/createRedisClient.js'
import type { AccessBus, AccessBusListener } from './AccessBus.js'
import { accessEventSchema, type AccessEvent } from './AccessEvent.js'

export interface RedisAccessBusOptions {
  url: string
  /** the deployment's Redis prefix; the channel is `<prefix>#access` (`#` cannot be in a document name) */
  prefix: string
}

const envelopeSchema = z.strictObject({ origin: z.string().min(1).max(100), event: accessEventSchema })

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * The access bus across processes, over one Redis pub/sub channel. Each message names
 * the process that sent it, which has already applied it and skips its own copy.
 * Anything on the channel is validated: a malformed message is logged and ignored.
 *
 * Pub/sub is at-most-once: what is published while this process's subscriber is cut off
 * never arrives. So once the subscription is back (confirmed by Redis), the listener is
 * told to compare its connections with the database.
 */
export class RedisAccessBus implements AccessBus {
  private readonly origin = randomUUID()
  private readonly channel: string
  private readonly pub
  private readonly sub
  private listener: AccessBusListener | undefined

  constructor(
    options: RedisAccessBusOptions,
    private readonly logger: Logger,
  ) {
    this.channel = `${options.prefix}#access`
    this.pub = createRedisClient(options.url, options.prefix, logger)
    // a subscribed connection can do nothing else, hence its own
    this.sub = createRedisClient(options.url, options.prefix, logger)
    this.sub.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.receive(message)
    })
    // 'ready' follows every (re)connection; ioredis subscribes again then, and the reply to
    // this SUBSCRIBE comes after that one's, so the subscription is active when it resolves
    this.sub.on('ready', () => {
      this.sub.subscribe(this.channel).then(
        () => this.listener?.onResubscribed(),
        () => undefined,
      )
    })
  }

  listen(listener: AccessBusListener) {
    this.listener = listener
  }

  async publish(event: AccessEvent) {
    const message = JSON.stringify({ origin: this.origin, event } satisfies z.infer<typeof envelopeSchema>)
    // ioredis holds it while reconnecting; it fails only after 20 attempts (ten seconds or more)
    this.pub.publish(this.channel, message).catch((error: Error) => {
      this.logger.error(`access bus: could not publish ${event.type} (${error.message})`)
    })
    await this.listener?.onEvent(event)
  }

  /** Publishes for the other processes only, and waits for Redis to take it (a command-line tool about to exit). */
  async announce(event: AccessEvent): Promise<void> {
    await this.pub.publish(this.channel, JSON.stringify({ origin: this.origin, event }))
  }

  private receive(message: string) {
    const parsed = envelopeSchema.safeParse(parseJson(message))
    if (!parsed.success) {
      this.logger.warn(`access bus: ignored a malformed message ${JSON.stringify(message.slice(0, 200))}`)
      return
    }
    if (parsed.data.origin === this.origin) return
    const { event } = parsed.data
    Promise.resolve()
      .then(() => this.listener?.onEvent(event))
      .catch((error) => this.logger.error(`access bus: applying ${event.type} failed`, error))
  }

  async close() {
    this.pub.disconnect(false)
    this.sub.disconnect(false)
  }
}
