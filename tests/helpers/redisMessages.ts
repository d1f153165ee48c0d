import RedisClient from 'ioredis'

export interface RedisMessages {
  /** every message published on a matching channel since `listen` resolved, as raw bytes */
  messages: Buffer[]
  /** true once a message containing `text` (UTF-8) was published */
  seen(text: string): boolean
  stop(): void
}

/**
 * Listens to the channels matching `pattern`, as a third party on the same Redis: a test
 * that cuts a process off waits until what it publishes has gone through Redis, instead of
 * waiting a fixed time.
 */
export async function listenToRedis(url: string, pattern: string): Promise<RedisMessages> {
  const subscriber = new RedisClient(url)
  const messages: Buffer[] = []
  subscriber.on('pmessageBuffer', (_pattern: Buffer, _channel: Buffer, message: Buffer) => messages.push(message))
  await subscriber.psubscribe(pattern)
  return {
    messages,
    seen: (text) => messages.some((m) => m.includes(Buffer.from(text, 'utf8'))),
    stop: () => subscriber.disconnect(),
  }
}
