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
  /** lifetime of a session (its token), in seconds */
  tokenTtlSeconds: number
  /** how often open connections' sessions are checked against the ended ones, in ms (sign-outs made elsewhere) */
  sessionRecheckMs: number
  /** failed sign-ins allowed in a burst, per client address and per account, before they are slowed */
  loginLimits: { failuresPerAddress: number; failuresPerAccount: number }
  /** largest accepted HTTP body, in bytes */
  maxBodyBytes: number
  /** directory of the built client, served at / */
  clientDir: string
  /** display name in the sign-in link printed at start */
  ownerName: string
  /** silence the start screen and request logs */
  quiet: boolean
  /** what one connection, one address and one update may cost the server */
  limits: Limits
  /** sign-in through an OpenID Connect provider (ProConnect); null when OIDC_ISSUER is unset */
  oidc: OidcConfig | null
  /** days a convention stays in the bin before it is deleted for good (fractions allowed; 0: at the next sweep) */
  binRetentionDays: number
  /** how often the bin is swept for conventions past their retention, in ms (also once at start) */
  binSweepIntervalMs: number
  /** automatic versions: at most one per this many ms of changes while people edit (and one when the last editor leaves) */
  versions: { autoIntervalMs: number }
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
    tokenTtlSeconds: Number(env.TOKEN_TTL_SECONDS ?? 7 * 24 * 3600),
    sessionRecheckMs: Number(env.SESSION_RECHECK_MS ?? 30_000),
    loginLimits: {
      failuresPerAddress: Number(env.LOGIN_FAILURES_PER_ADDRESS ?? 30),
      failuresPerAccount: Number(env.LOGIN_FAILURES_PER_ACCOUNT ?? 5),
    },
    maxBodyBytes: Number(env.MAX_BODY_BYTES ?? 5 * 1024 * 1024),
    clientDir: resolve(env.CLIENT_DIR ?? new URL('../../client/dist', import.meta.url).pathname),
    ownerName: env.OWNER_NAME ?? 'Administrateur local',
    quiet: env.QUIET === '1',
    limits: readLimits(env),
    oidc: readOidcConfig(env),
    binRetentionDays: nonNegative('BIN_RETENTION_DAYS', env.BIN_RETENTION_DAYS, 30),
    binSweepIntervalMs: nonNegative('BIN_SWEEP_INTERVAL_MS', env.BIN_SWEEP_INTERVAL_MS, 3_600_000) || 3_600_000,
    versions: {
      autoIntervalMs: nonNegative('VERSION_AUTO_INTERVAL_MS', env.VERSION_AUTO_INTERVAL_MS, 600_000) || 600_000,
    },
  }
}

function nonNegative(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback
  const number = Number(value)
  if (!Number.isFinite(number) || number < 0) throw new Error(`${name} must be a number of 0 or more`)
  return number
}

const MiB = 1024 * 1024

/** The hardening limits (docs/ARCHITECTURE.md, "Hardening"); the defaults leave room for a 200-page paste. */
export interface Limits {
  /** largest WebSocket message; `ws` closes the socket with 1009 above it, before anything is parsed */
  maxFrameBytes: number
  /** largest Yjs update (sync step 2 or update) in one message; a 40-page convention is about 380 KB */
  maxUpdateBytes: number
  /** largest awareness message (names, colours, carets: well under 1 KB each) */
  maxAwarenessBytes: number
  /** messages per second a socket may send in the long run, and in one burst */
  messagesPerSecond: number
  messageBurst: number
  /** bytes per second a socket may send in the long run (bursts: four maximal updates) */
  bytesPerSecond: number
  /** time a new socket has to authenticate */
  authTimeoutMs: number
  /** sockets not yet authenticated, per client address and in total */
  maxUnauthenticatedPerIp: number
  maxUnauthenticated: number
  /** failed authentications per client address and minute (also the burst) before it is refused for a while */
  failedAuthsPerMinute: number
  /** longest a single update may take to apply (measured on a replica, off the main thread) */
  updateTimeoutMs: number
  /** milliseconds of update processing per second one user may cost the server in the long run */
  updateCpuMsPerSecond: number
  /** authenticated sockets one person may hold on one process; the next is closed (4429) */
  maxSocketsPerUser: number
  /** take the client address from the last `X-Forwarded-For` entry (behind a reverse proxy) */
  trustProxy: boolean
}

export function readLimits(env: NodeJS.ProcessEnv = process.env): Limits {
  const number = (name: string, fallback: number) => Number(env[name] ?? fallback)
  return {
    maxFrameBytes: number('MAX_FRAME_BYTES', 4 * MiB),
    maxUpdateBytes: number('MAX_UPDATE_BYTES', 2 * MiB),
    maxAwarenessBytes: number('MAX_AWARENESS_BYTES', 64 * 1024),
    messagesPerSecond: number('MESSAGES_PER_SECOND', 100),
    messageBurst: number('MESSAGE_BURST', 1000),
    bytesPerSecond: number('BYTES_PER_SECOND', 1 * MiB),
    authTimeoutMs: number('AUTH_TIMEOUT_MS', 10_000),
    maxUnauthenticatedPerIp: number('MAX_UNAUTHENTICATED_PER_IP', 16),
    maxUnauthenticated: number('MAX_UNAUTHENTICATED', 512),
    failedAuthsPerMinute: number('FAILED_AUTHS_PER_MINUTE', 20),
    updateTimeoutMs: number('UPDATE_TIMEOUT_MS', 3000),
    updateCpuMsPerSecond: number('UPDATE_CPU_MS_PER_SECOND', 100),
    maxSocketsPerUser: number('MAX_SOCKETS_PER_USER', 20),
    trustProxy: env.TRUST_PROXY === '1',
  }
}

/** The relying party's settings (README, "Sign in with ProConnect"). */
export interface OidcConfig {
  /** issuer identifier; discovery reads `<issuer>/.well-known/openid-configuration` */
  issuer: string
  clientId: string
  clientSecret: string
  /** the callback registered with the provider, e.g. https://ctg.example.fr/api/auth/oidc/callback */
  redirectUri: string
  /** where the provider sends the person after signing out there (registered with the provider too) */
  postLogoutRedirectUri: string
  /** space-separated; ProConnect names each claim as a scope */
  scopes: string
  /** the name on the sign-in button */
  label: string
  /** `acr_values` sent with the authorization request (e.g. `eidas1`); omitted when unset */
  acrValues: string | undefined
  /** the `claims` request parameter as JSON (e.g. to ask for `amr`); omitted when unset */
  claims: string | undefined
  /** the algorithm the ID token and a JWT userinfo must be signed with (ProConnect: the one registered) */
  signingAlg: string | undefined
  /** how the client authenticates at the token endpoint; ProConnect's documentation sends the secret in the body */
  tokenAuthMethod: 'client_secret_post' | 'client_secret_basic'
}

export function readOidcConfig(env: NodeJS.ProcessEnv = process.env): OidcConfig | null {
  const issuer = env.OIDC_ISSUER || undefined
  if (!issuer) return null
  const required = (name: string) => {
    const value = env[name]
    if (!value) throw new Error(`${name} is required when OIDC_ISSUER is set`)
    return value
  }
  const redirectUri = required('OIDC_REDIRECT_URI')
  const claims = env.OIDC_CLAIMS || undefined
  if (claims !== undefined) {
    try {
      JSON.parse(claims)
    } catch {
      throw new Error('OIDC_CLAIMS must be a JSON object')
    }
  }
  const tokenAuthMethod = env.OIDC_TOKEN_AUTH_METHOD || 'client_secret_post'
  if (tokenAuthMethod !== 'client_secret_post' && tokenAuthMethod !== 'client_secret_basic') {
    throw new Error('OIDC_TOKEN_AUTH_METHOD must be client_secret_post or client_secret_basic')
  }
  return {
    issuer,
    clientId: required('OIDC_CLIENT_ID'),
    clientSecret: required('OIDC_CLIENT_SECRET'),
    redirectUri,
    postLogoutRedirectUri: env.OIDC_POST_LOGOUT_REDIRECT_URI || new URL('/connexion', redirectUri).href,
    scopes: env.OIDC_SCOPES || 'openid email given_name usual_name',
    label: env.OIDC_LABEL || 'ProConnect',
    acrValues: env.OIDC_ACR_VALUES || undefined,
    claims,
    signingAlg: env.OIDC_SIGNING_ALG || undefined,
    tokenAuthMethod,
  }
}
