import { Redis as RedisClient, type RedisOptions } from 'ioredis'
import type { Logger } from '../logger.js'

/**
 * An ioredis connection named `<prefix>:<pid>` (so an operator, or a test, can find a
 * process's connections in `CLIENT LIST`). ioredis reconnects by itself; without an
 * `error` listener an unreachable Redis would print every retry, so it is said once per outage.
 */
export function createRedisClient(
  url: string,
  prefix: string,
  logger: Logger,
  options: RedisOptions = {},
): RedisClient {
  const client = new RedisClient(url, { connectionName: `${prefix}:${process.pid}`, ...options })
  let down = false
  client.on('error', (error) => {
    if (!down) logger.error(`redis: ${error.message}`)
    down = true
  })
  client.on('ready', () => (down = false))
  return client
}
