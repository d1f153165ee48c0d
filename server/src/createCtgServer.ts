import { Server } from '@hocuspocus/server'
import { createId } from '@ctg/shared'
import { OidcClient } from './auth/oidc/OidcClient.js'
import { OidcCookies } from './auth/oidc/OidcCookies.js'
import { loadSecret } from './auth/secret.js'
import { Sessions } from './auth/Sessions.js'
import { TokenService } from './auth/tokens.js'
import { resolveConfig, type CtgServerOptions, type ServerConfig } from './config.js'
import { AnchorRepair } from './comments/AnchorRepair.js'
import { commentRoutes } from './comments/commentRoutes.js'
import { CommentService } from './comments/CommentService.js'
import { DetachWatcher } from './comments/DetachWatcher.js'
import { ConventionService, Y_DOC_OPTIONS } from './conventions/ConventionService.js'
import type { AccessBus } from './access/AccessBus.js'
import { InProcessAccessBus } from './access/InProcessAccessBus.js'
import { LiveAccess } from './access/LiveAccess.js'
import { RedisAccessBus } from './access/RedisAccessBus.js'
import { BinGuard } from './bin/BinGuard.js'
import { BinSweeper } from './bin/BinSweeper.js'
import { binRoutes } from './bin/binRoutes.js'
import { ConventionBin } from './bin/ConventionBin.js'
import { ActivityRecorder } from './hooks/ActivityRecorder.js'
import { Authentication } from './hooks/Authentication.js'
import { AwarenessIdentity } from './hooks/AwarenessIdentity.js'
import { CollabEndpoint } from './hooks/CollabEndpoint.js'
import { ConnectionLimits } from './hooks/ConnectionLimits.js'
import { Persistence } from './hooks/Persistence.js'
import { PreAuthLimits } from './hooks/PreAuthLimits.js'
import { ReadOnlyEnforcement } from './hooks/ReadOnlyEnforcement.js'
import { RedisScaleOut } from './hooks/RedisScaleOut.js'
import { SchemaCheck } from './hooks/SchemaCheck.js'
import { SessionExpiry } from './hooks/SessionExpiry.js'
import { SocketsPerUser } from './hooks/SocketsPerUser.js'
import { SchemaRepair } from './hooks/SchemaRepair.js'
import { LiveDocumentGuard } from './hooks/LiveDocumentGuard.js'
import { UpdateGuard } from './hooks/UpdateGuard.js'
import { HttpApi } from './http/HttpApi.js'
import { authOptionsRoutes } from './http/routes/authOptionsRoutes.js'
import { conventionRoutes } from './http/routes/conventionRoutes.js'
import { authRoutes } from './http/routes/authRoutes.js'
import { invitationRoutes } from './http/routes/invitationRoutes.js'
import { memberRoutes } from './http/routes/memberRoutes.js'
import { oidcRoutes } from './http/routes/oidcRoutes.js'
import { schemaRoutes } from './http/routes/schemaRoutes.js'
import { userRoutes } from './http/routes/userRoutes.js'
import { staticClient } from './http/staticClient.js'
import { LoginLimits } from './limits/LoginLimits.js'
import { RedisFailureBuckets } from './limits/RedisFailureBuckets.js'
import { createRedisClient } from './redis/createRedisClient.js'
import { CodeGuessLimit } from './plenary/CodeGuessLimit.js'
import { ParticipantConnections } from './plenary/ParticipantConnections.js'
import { PlenaryLive } from './plenary/PlenaryLive.js'
import { ParticipantAccessCache } from './plenary/ParticipantAccessCache.js'
import { plenaryRoutes } from './plenary/plenaryRoutes.js'
import { PlenaryService } from './plenary/PlenaryService.js'
import { createLogger } from './logger.js'
import type { ConventionStore } from './storage/ConventionStore.js'
import { DocumentLog } from './storage/DocumentLog.js'
import { openConventionStore } from './storage/openConventionStore.js'
import { AutoVersions } from './versions/auto/AutoVersions.js'
import { CheckedUpdates } from './hooks/CheckedUpdates.js'
import { ClientSchemaCheck } from './hooks/ClientSchemaCheck.js'
import { LocalAutoVersionPeers } from './versions/auto/LocalAutoVersionPeers.js'
import { RedisAutoVersionPeers } from './versions/auto/RedisAutoVersionPeers.js'
import { RedisWindowLimits } from './limits/RedisWindowLimits.js'
import { SharedWindowLimits } from './limits/SharedWindowLimits.js'
import { FreezeGuard } from './versions/FreezeGuard.js'
import { versionRoutes } from './versions/versionRoutes.js'
import { exportRoutes } from './exports/exportRoutes.js'
import { ExportProcess } from './exports/process/ExportProcess.js'
import { VersionService } from './versions/VersionService.js'
import { YjsDoor } from './yjsDoor/YjsDoor.js'
import { HocuspocusDocuments } from './live/HocuspocusDocuments.js'
import { inHookOrder } from './hooks/inHookOrder.js'

export interface CtgServer {
  /** the port it listens on (the one chosen when `port` was 0) */
  port: number
  /** stores every open document, closes connections and the database */
  stop(): Promise<void>
  /** the settings in effect, defaults filled in */
  config: ServerConfig
  server: Server
  /** issues and checks session tokens */
  tokens: Sessions
  conventions: ConventionService
  store: ConventionStore
  /** applies membership changes and sign-outs to open connections, on every process */
  live: LiveAccess
  /** moves conventions to the bin, restores and purges them (`bin.purgeExpired()` sweeps now) */
  bin: ConventionBin
}

/**
 * Assembles the product's server and starts listening: one Hocuspocus process, one port for
 * HTTP and WebSocket. Every option is optional (`CtgServerOptions`: the README's settings
 * under camelCase names, with its defaults); nothing is read from the environment.
 */
export async function createCtgServer(options: CtgServerOptions = {}): Promise<CtgServer> {
  const config = resolveConfig(options)
  const logger = createLogger(config.quiet)
  const store = await openConventionStore(config)
  const secret = loadSecret(config.dataDir, config.secret)
  const tokens = new Sessions(new TokenService(secret, config.tokenTtlSeconds), store.accounts)
  const log = new DocumentLog(store, logger, config.commitWindowMs)
  const preAuth = new PreAuthLimits(config.limits, logger)
  let server: Server | undefined
  // the services reach the documents in memory through this, not through the server
  const documents = new HocuspocusDocuments(() => server!.hocuspocus)
  const conventions = new ConventionService(store, log, documents)
  const bus: AccessBus = config.redisUrl
    ? new RedisAccessBus({ url: config.redisUrl, prefix: config.redisPrefix }, logger)
    : new InProcessAccessBus()
  const live = new LiveAccess(documents, store.members, store.accounts, bus, logger, store.bin)
  live.recheckSessionsEvery(config.sessionRecheckMs)
  const bin = new ConventionBin(store, live, config.binRetentionDays, logger)
  const sweeper = new BinSweeper(bin, config.binSweepIntervalMs, logger)
  // limits counted by every process when there is Redis; a request never waits for a Redis
  // that is down: it counts in memory then (LoginLimits, SharedWindowLimits)
  const limitsRedis = config.redisUrl
    ? createRedisClient(config.redisUrl, config.redisPrefix, logger, { enableOfflineQueue: false })
    : undefined
  // people's and participants' pace
  const paceLimits = new SharedWindowLimits(
    limitsRedis ? new RedisWindowLimits(limitsRedis, config.redisPrefix) : undefined,
    logger,
  )
  const comments = new CommentService(store.comments, store.activity, conventions, documents, live, logger, paceLimits)
  const sharedBuckets = limitsRedis ? new RedisFailureBuckets(limitsRedis, config.redisPrefix) : undefined
  const loginLimits = new LoginLimits(config.loginLimits, sharedBuckets, logger)
  const plenaries = new PlenaryService(
    store,
    conventions,
    comments,
    documents,
    new PlenaryLive(documents, live, store.plenaries, logger, new ParticipantAccessCache()),
    logger,
    // failed code guesses counted across processes, like failed sign-ins
    new CodeGuessLimit(sharedBuckets, logger),
    paceLimits,
  )
  conventions.plenaries = plenaries
  const versions = new VersionService(store, conventions, documents, live, () => comments, log, logger)
  conventions.versions = versions
  const exportProcess = new ExportProcess(logger, config.chromiumPath)

  // what UpdateGuard's check saw an update integrate is what Persistence stores of it
  const checkedUpdates = new CheckedUpdates()
  const authentication = new Authentication(tokens, store, preAuth.authenticationFailed, plenaries)
  server = new Server({
    name: 'ctg-workspace',
    port: config.port,
    address: config.host,
    quiet: true,
    stopOnSignals: false,
    yDocOptions: Y_DOC_OPTIONS,
    // `ws` closes a socket whose message is larger with 1009, before reading it whole
    websocketOptions: { maxPayload: config.limits.maxFrameBytes },
    // the order in which Hocuspocus runs every hook, top to bottom (inHookOrder)
    extensions: inHookOrder([
      // onUpgrade: a cross-site page's upgrade is refused before anything counts it
      new CollabEndpoint(config.limits.trustProxy),
      // onAuthenticate: the token, the convention and the role, before any other hook sees the connection
      authentication,
      // onAuthenticate: a page built with another editor schema is refused once it is known who asks
      new ClientSchemaCheck(),
      // onStoreDocument: Redis's lock is taken before Persistence compacts (another process may be storing);
      // onChange: a change is relayed to the other processes as soon as it is applied
      ...(config.redisUrl
        ? [
            new RedisScaleOut(
              { url: config.redisUrl, prefix: config.redisPrefix, resyncIntervalMs: config.redisResyncMs },
              logger,
            ),
          ]
        : []),
      // onUpgrade: counts and bounds sockets on every path (after CollabEndpoint: other paths are never tracked);
      // onAuthenticate: runs only once Authentication accepted the token and the convention
      preAuth,
      // onUpgrade: the /yjs door, after the upgrade was counted and bounded
      new YjsDoor(authentication, preAuth.authenticationFailed, config.limits.maxFrameBytes, logger),
      // beforeHandleMessage: rates and sizes first, before any message is read further
      new ConnectionLimits(config.limits, logger),
      // beforeSync: the sandbox checks an update before Persistence logs it (a refused update is never logged)
      new UpdateGuard(config.limits, logger, checkedUpdates),
      // onAuthenticate, connected: after Authentication, which refuses unknown conventions and sets the role
      new FreezeGuard(store.versions),
      new LiveDocumentGuard(logger),
      new AwarenessIdentity(),
      // beforeHandleMessage: what a plénière participant may send, once ConnectionLimits counted it
      new ParticipantConnections(),
      new SessionExpiry(),
      new SocketsPerUser(config.limits.maxSocketsPerUser, logger),
      // beforeSync: an accepted update's commit starts; its acknowledgement waits for it, its broadcast does not;
      // onChange: a server change is logged before the repairs, versions and activity below react to it
      new Persistence(log, logger, checkedUpdates, config.durableAck),
      new SchemaRepair(logger),
      new AnchorRepair(logger),
      new SchemaCheck(store, logger),
      new ActivityRecorder(store.activity, logger),
      new BinGuard(store.bin, logger),
      new DetachWatcher(() => comments, logger),
      // connected, onChange, onDisconnect: versions record what Persistence has logged
      new AutoVersions(
        () => versions,
        config.redisUrl
          ? new RedisAutoVersionPeers(
              createRedisClient(config.redisUrl, config.redisPrefix, logger),
              config.redisPrefix,
            )
          : new LocalAutoVersionPeers(),
        config.versions.autoIntervalMs,
        logger,
      ),
      new HttpApi({
        routes: [
          ...schemaRoutes(),
          ...userRoutes(store.accounts),
          ...authRoutes(store.accounts, tokens, loginLimits, live),
          ...invitationRoutes(store, tokens, live),
          ...conventionRoutes(conventions, store, bin),
          ...binRoutes(store, bin),
          ...memberRoutes(store, live),
          ...commentRoutes(comments, store.members),
          ...plenaryRoutes(plenaries, store.members, config.limits.trustProxy),
          ...versionRoutes(versions, conventions, store.members),
          ...exportRoutes(conventions, versions, store, exportProcess),
          ...authOptionsRoutes({ password: true, oidcLabel: config.oidc?.label ?? null }),
          ...(config.oidc
            ? oidcRoutes({
                oidc: new OidcClient(config.oidc),
                cookies: new OidcCookies(secret, config.oidc.redirectUri.startsWith('https:')),
                // by subject, else by e-mail (an invited person; the subject is linked), else a new user
                signIn: async (identity) => {
                  const user = await store.accounts.userForOidc(identity, createId('u-'))
                  return tokens.issueSession({ id: user.id, name: user.name })
                },
                logger,
              })
            : []),
        ],
        sessions: tokens,
        trustProxy: config.limits.trustProxy,
        rememberUser: (user) => store.members.rememberUser(user),
        maxBodyBytes: config.maxBodyBytes,
        logger,
        serveStatic: staticClient(config.clientDir),
      }),
      // beforeSync: last, so that it sees the role as it is when Hocuspocus reads the update
      new ReadOnlyEnforcement(logger),
    ]),
  })

  await server.listen()
  const port = server.address.port
  if (!port) throw new Error('the server did not bind a port')
  sweeper.start()

  let stopped: Promise<void> | undefined
  return {
    config,
    server,
    port,
    tokens,
    conventions,
    store,
    live,
    bin,
    stop: () =>
      (stopped ??= (async () => {
        live.stop()
        await server.destroy()
        // Hocuspocus closes each document but leaves the sockets open; clients would wait for
        // their 30 s timeout before reconnecting to another process
        server['crossws'].closeAll(1001, 'server shutting down')
        await bus.close()
        await sweeper.stop()
        await exportProcess.close()
        limitsRedis?.disconnect(false)
        await log.drain()
        await store.close()
      })()),
  }
}
