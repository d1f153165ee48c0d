import { resolve } from 'node:path'

/** Every setting the server reads from the environment, with its default. The only module that reads `process.env`. */
export interface ServerConfig {
  /** port for HTTP and WebSocket; 0 picks a free one */
  port: number
  /** interface to listen on */
  host: string
  /** directory for the SQLite file and the signing secret */
  dataDir: string
  /** `postgres://…` to store conventions in PostgreSQL instead of SQLite */
  databaseUrl: string | undefined
  /** acknowledge an update only once it is durable; false exists for the benchmark baseline only */
  durableAck: boolean
  /** `redis://…` to let several server processes serve the same conventions */
  redisUrl: string | undefined
  /** prefix of Redis keys and channels */
  redisPrefix: string
  /** how often processes re-exchange document state through Redis, in ms (recovers lost messages) */
  redisResyncMs: number
  /** signing secret for bearer tokens; generated and kept in dataDir when unset */
  secret: string | undefined
  /** lifetime of issued tokens, in seconds */
  tokenTtlSeconds: number
  /** largest accepted HTTP body, in bytes */
  maxBodyBytes: number
  /** directory of the built client, served at / */
  clientDir: string
  /** display name in the sign-in link printed at start */
  ownerName: string
  /** silence the start screen and request logs */
  quiet: boolean
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    port: Number(env.PORT ?? 1234),
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    durableAck: env.DURABLE_ACK !== '0',
    redisUrl: env.REDIS_URL || undefined,
    redisPrefix: env.REDIS_PREFIX ?? 'ctg',
    redisResyncMs: Number(env.REDIS_RESYNC_MS ?? 10_000),
    secret: env.CTG_SECRET || undefined,
    tokenTtlSeconds: Number(env.TOKEN_TTL_SECONDS ?? 30 * 24 * 3600),
    maxBodyBytes: Number(env.MAX_BODY_BYTES ?? 5 * 1024 * 1024),
    clientDir: resolve(env.CLIENT_DIR ?? new URL('../../client/dist', import.meta.url).pathname),
    ownerName: env.OWNER_NAME ?? 'Administrateur local',
    quiet: env.QUIET === '1',
  }
}
