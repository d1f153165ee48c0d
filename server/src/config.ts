import { resolve } from 'node:path'

/**
 * What `createCtgServer(options)` accepts: the README's settings under their camelCase names
 * (`PORT` → `port`, `CTG_SECRET` → `secret`, `MAX_FRAME_BYTES` → `maxFrameBytes` …), every one
 * optional, with the README's defaults. Nothing is read from the environment here; `readConfig`
 * does that for the CLI.
 */
export interface CtgServerOptions {
  /** HTTP and WebSocket port; 0 picks a free one. Default 1234 */
  port?: number
  /** interface to listen on. Default `0.0.0.0` */
  host?: string
  /** directory for the SQLite file and the signing secret, relative to the working directory. Default `./data` */
  dataDir?: string
  /** `postgres://…` to store conventions in PostgreSQL instead of SQLite */
  databaseUrl?: string
  /** `redis://…` to let several server processes serve the same conventions */
  redisUrl?: string
  /** prefix of Redis keys and channels. Default `ctg` */
  redisPrefix?: string
  /** how often processes re-exchange document state through Redis, in ms. Default 10,000 */
  redisResyncMs?: number
  /** signing secret for bearer tokens. Default: generated and kept in `dataDir` */
  secret?: string
  /** lifetime of a session, in seconds. Default 7 days */
  tokenTtlSeconds?: number
  /** how often open connections' sessions are checked against the ended ones, in ms. Default 30,000 */
  sessionRecheckMs?: number
  /** failed sign-ins per client address before it is slowed. Default 30 */
  loginFailuresPerAddress?: number
  /** failed sign-ins per account before it is slowed. Default 5 */
  loginFailuresPerAccount?: number
  /** largest accepted HTTP body, in bytes. Default 5 MiB */
  maxBodyBytes?: number
  /** directory of the built web client, served at `/`. Default: none, the server serves the API and WebSockets only */
  clientDir?: string
  /** the administrator's name until the first-start link is used. Default `Administrateur local` */
  ownerName?: string
  /** silence request logs (warnings and errors are still written). Default false */
  quiet?: boolean
  /** acknowledge an update only once it is durable; false exists for the benchmark baseline only. Default true */
  durableAck?: boolean
  /** while several people type, how long a commit of the log waits for others' updates to join it, in ms. Default 50 */
  commitWindowMs?: number
  /** the hardening limits (docs/api.md, "Limits and close codes"), each with the README's default */
  maxFrameBytes?: number
  maxUpdateBytes?: number
  maxAwarenessBytes?: number
  messagesPerSecond?: number
  messageBurst?: number
  bytesPerSecond?: number
  authTimeoutMs?: number
  maxUnauthenticatedPerIp?: number
  maxUnauthenticated?: number
  failedAuthsPerMinute?: number
  updateTimeoutMs?: number
  updateCpuMsPerSecond?: number
  maxSocketsPerUser?: number
  /** count limits per `X-Forwarded-For` address (behind a reverse proxy). Default false */
  trustProxy?: boolean
  /** at most one automatic version per this many ms of changes. Default 600,000 */
  versionAutoIntervalMs?: number
  /** days a convention stays in the bin (fractions allowed; 0: at the next sweep). Default 30 */
  binRetentionDays?: number
  /** how often the bin is swept, in ms. Default 1 hour */
  binSweepIntervalMs?: number
  /** sign-in through an OpenID Connect provider (README, "Sign in with ProConnect"). Default: none */
  oidc?: OidcOptions
  /** the Chromium that prints PDF exports and archives. Default `/usr/bin/chromium` (Debian's) */
  chromiumPath?: string
}

/** The OIDC_* settings under camelCase names; only the provider's identity and the callback are required. */
export type OidcOptions = Pick<OidcConfig, 'issuer' | 'clientId' | 'clientSecret' | 'redirectUri'> &
  Partial<Omit<OidcConfig, 'issuer' | 'clientId' | 'clientSecret' | 'redirectUri'>>

/** Debian's Chromium (`apt-get install chromium`), the one the browser tests drive too. */
const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium'

/** Every setting resolved, as the server's parts use them. */
export interface ServerConfig {
  port: number
  host: string
  /** absolute */
  dataDir: string
  databaseUrl: string | undefined
  durableAck: boolean
  commitWindowMs: number
  redisUrl: string | undefined
  redisPrefix: string
  redisResyncMs: number
  secret: string | undefined
  tokenTtlSeconds: number
  sessionRecheckMs: number
  loginLimits: { failuresPerAddress: number; failuresPerAccount: number }
  maxBodyBytes: number
  /** undefined: the web client is not served */
  clientDir: string | undefined
  ownerName: string
  quiet: boolean
  /** what one connection, one address and one update may cost the server */
  limits: Limits
  oidc: OidcConfig | null
  binRetentionDays: number
  binSweepIntervalMs: number
  versions: { autoIntervalMs: number }
  /** absolute */
  chromiumPath: string
}

/** The options with the README's defaults; throws naming the option when a value is out of range. */
export function resolveConfig(options: CtgServerOptions = {}): ServerConfig {
  const number = (name: keyof CtgServerOptions, fallback: number, positive = false): number => {
    const value = options[name] ?? fallback
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (positive && value === 0)) {
      throw new Error(`${name} must be a number ${positive ? 'above 0' : 'of 0 or more'}`)
    }
    return value
  }
  const port = number('port', 1234)
  if (!Number.isInteger(port) || port > 65535) throw new Error('port must be a whole number from 0 to 65535')
  return {
    port,
    host: options.host ?? '0.0.0.0',
    dataDir: resolve(options.dataDir ?? './data'),
    databaseUrl: options.databaseUrl || undefined,
    durableAck: options.durableAck ?? true,
    commitWindowMs: number('commitWindowMs', 50),
    redisUrl: options.redisUrl || undefined,
    redisPrefix: options.redisPrefix ?? 'ctg',
    redisResyncMs: number('redisResyncMs', 10_000, true),
    secret: options.secret || undefined,
    tokenTtlSeconds: number('tokenTtlSeconds', 7 * 24 * 3600, true),
    sessionRecheckMs: number('sessionRecheckMs', 30_000, true),
    loginLimits: {
      failuresPerAddress: number('loginFailuresPerAddress', 30),
      failuresPerAccount: number('loginFailuresPerAccount', 5),
    },
    maxBodyBytes: number('maxBodyBytes', 5 * MiB, true),
    clientDir: options.clientDir === undefined ? undefined : resolve(options.clientDir),
    ownerName: options.ownerName ?? 'Administrateur local',
    quiet: options.quiet ?? false,
    limits: {
      maxFrameBytes: number('maxFrameBytes', 4 * MiB, true),
      maxUpdateBytes: number('maxUpdateBytes', 2 * MiB, true),
      maxAwarenessBytes: number('maxAwarenessBytes', 64 * 1024, true),
      messagesPerSecond: number('messagesPerSecond', 100),
      messageBurst: number('messageBurst', 1000),
      bytesPerSecond: number('bytesPerSecond', 1 * MiB),
      authTimeoutMs: number('authTimeoutMs', 10_000, true),
      maxUnauthenticatedPerIp: number('maxUnauthenticatedPerIp', 16),
      maxUnauthenticated: number('maxUnauthenticated', 512),
      failedAuthsPerMinute: number('failedAuthsPerMinute', 20),
      updateTimeoutMs: number('updateTimeoutMs', 3000, true),
      updateCpuMsPerSecond: number('updateCpuMsPerSecond', 100),
      maxSocketsPerUser: number('maxSocketsPerUser', 20),
      trustProxy: options.trustProxy ?? false,
    },
    oidc: options.oidc ? resolveOidc(options.oidc) : null,
    binRetentionDays: number('binRetentionDays', 30),
    // 0 would sweep without pause
    binSweepIntervalMs: number('binSweepIntervalMs', 3_600_000) || 3_600_000,
    versions: { autoIntervalMs: number('versionAutoIntervalMs', 600_000) || 600_000 },
    chromiumPath: resolve(options.chromiumPath || DEFAULT_CHROMIUM_PATH),
  }
}

/**
 * The CLI's settings from the environment (README, "Settings"): only the variables that are
 * set, under their option names, plus the built client of this repository. The only code
 * that reads `process.env`.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): CtgServerOptions {
  const text = (name: string) => env[name] || undefined
  const number = (name: string): number | undefined => {
    const value = env[name]
    if (value === undefined || value === '') return undefined
    const parsed = Number(value)
    if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${name} must be a number of 0 or more`)
    return parsed
  }
  return withoutUndefined({
    port: number('PORT'),
    host: text('HOST'),
    dataDir: text('DATA_DIR'),
    databaseUrl: text('DATABASE_URL'),
    durableAck: env.DURABLE_ACK === undefined ? undefined : env.DURABLE_ACK !== '0',
    commitWindowMs: number('COMMIT_WINDOW_MS'),
    redisUrl: text('REDIS_URL'),
    redisPrefix: text('REDIS_PREFIX'),
    redisResyncMs: number('REDIS_RESYNC_MS'),
    secret: text('CTG_SECRET'),
    tokenTtlSeconds: number('TOKEN_TTL_SECONDS'),
    sessionRecheckMs: number('SESSION_RECHECK_MS'),
    loginFailuresPerAddress: number('LOGIN_FAILURES_PER_ADDRESS'),
    loginFailuresPerAccount: number('LOGIN_FAILURES_PER_ACCOUNT'),
    maxBodyBytes: number('MAX_BODY_BYTES'),
    clientDir: env.CLIENT_DIR ?? new URL('../../client/dist', import.meta.url).pathname,
    ownerName: text('OWNER_NAME'),
    chromiumPath: text('CHROMIUM_PATH'),
    quiet: env.QUIET === '1' ? true : undefined,
    maxFrameBytes: number('MAX_FRAME_BYTES'),
    maxUpdateBytes: number('MAX_UPDATE_BYTES'),
    maxAwarenessBytes: number('MAX_AWARENESS_BYTES'),
    messagesPerSecond: number('MESSAGES_PER_SECOND'),
    messageBurst: number('MESSAGE_BURST'),
    bytesPerSecond: number('BYTES_PER_SECOND'),
    authTimeoutMs: number('AUTH_TIMEOUT_MS'),
    maxUnauthenticatedPerIp: number('MAX_UNAUTHENTICATED_PER_IP'),
    maxUnauthenticated: number('MAX_UNAUTHENTICATED'),
    failedAuthsPerMinute: number('FAILED_AUTHS_PER_MINUTE'),
    updateTimeoutMs: number('UPDATE_TIMEOUT_MS'),
    updateCpuMsPerSecond: number('UPDATE_CPU_MS_PER_SECOND'),
    maxSocketsPerUser: number('MAX_SOCKETS_PER_USER'),
    trustProxy: env.TRUST_PROXY === '1' ? true : undefined,
    versionAutoIntervalMs: number('VERSION_AUTO_INTERVAL_MS'),
    binRetentionDays: number('BIN_RETENTION_DAYS'),
    binSweepIntervalMs: number('BIN_SWEEP_INTERVAL_MS'),
    oidc: readOidcConfig(env) ?? undefined,
  })
}

function withoutUndefined<T extends object>(options: T): T {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as T
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

function readOidcConfig(env: NodeJS.ProcessEnv): OidcOptions | null {
  const issuer = env.OIDC_ISSUER || undefined
  if (!issuer) return null
  const required = (name: string) => {
    const value = env[name]
    if (!value) throw new Error(`${name} is required when OIDC_ISSUER is set`)
    return value
  }
  return withoutUndefined({
    issuer,
    clientId: required('OIDC_CLIENT_ID'),
    clientSecret: required('OIDC_CLIENT_SECRET'),
    redirectUri: required('OIDC_REDIRECT_URI'),
    postLogoutRedirectUri: env.OIDC_POST_LOGOUT_REDIRECT_URI || undefined,
    scopes: env.OIDC_SCOPES || undefined,
    label: env.OIDC_LABEL || undefined,
    acrValues: env.OIDC_ACR_VALUES || undefined,
    claims: env.OIDC_CLAIMS || undefined,
    signingAlg: env.OIDC_SIGNING_ALG || undefined,
    tokenAuthMethod: (env.OIDC_TOKEN_AUTH_METHOD || undefined) as OidcConfig['tokenAuthMethod'] | undefined,
  })
}

function resolveOidc(options: OidcOptions): OidcConfig {
  for (const name of ['issuer', 'clientId', 'clientSecret', 'redirectUri'] as const) {
    if (!options[name]) throw new Error(`oidc.${name} is required`)
  }
  if (options.claims !== undefined) {
    try {
      JSON.parse(options.claims)
    } catch {
      throw new Error('oidc.claims (OIDC_CLAIMS) must be a JSON object')
    }
  }
  const tokenAuthMethod = options.tokenAuthMethod ?? 'client_secret_post'
  if (tokenAuthMethod !== 'client_secret_post' && tokenAuthMethod !== 'client_secret_basic') {
    throw new Error('oidc.tokenAuthMethod (OIDC_TOKEN_AUTH_METHOD) must be client_secret_post or client_secret_basic')
  }
  return {
    ...options,
    postLogoutRedirectUri: options.postLogoutRedirectUri || new URL('/connexion', options.redirectUri).href,
    scopes: options.scopes || 'openid email given_name usual_name',
    label: options.label || 'ProConnect',
    acrValues: options.acrValues || undefined,
    claims: options.claims,
    signingAlg: options.signingAlg || undefined,
    tokenAuthMethod,
  }
}
