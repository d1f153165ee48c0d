import { CloseCode } from '@ctg/shared'
import type { Duplex } from 'node:stream'
import type { Extension, onAuthenticatePayload, onConnectPayload, onUpgradePayload } from '@hocuspocus/server'
import type { Limits } from '../config.js'
import { clientAddress } from '../limits/clientAddress.js'
import { closeUpgradedSocket } from '../limits/closeUpgradedSocket.js'
import { KeyedTokenBuckets } from '../limits/KeyedTokenBuckets.js'
import type { Logger } from '../logger.js'

/** Set on every upgrade request (overwriting any value a client sent) to find its socket in later hooks. */
const SOCKET_HEADER = 'x-ctg-socket'

interface TrackedSocket {
  address: string
  socket: Duplex
  authenticated: boolean
  timer: NodeJS.Timeout
}

/**
 * What a socket may do before it proves who it is. Hocuspocus 4 already bounds the
 * messages it queues per socket before authentication (5 MiB, 1,000 messages, 100
 * documents); this adds, per client address: a cap on sockets not yet authenticated
 * (and a cap in total), refused at the upgrade with 429 / 503; a deadline to
 * authenticate (closed with 4408); and a rate of failed authentications, beyond which
 * the address is refused (429 at the upgrade, 4429 on an open socket) until it refills.
 */
export class PreAuthLimits implements Extension {
  extensionName = 'PreAuthLimits'
  private readonly sockets = new Map<string, TrackedSocket>()
  private readonly unauthenticated = new Map<string, number>()
  private unauthenticatedTotal = 0
  private readonly failures: KeyedTokenBuckets
  private nextId = 0

  constructor(
    private readonly limits: Limits,
    private readonly logger: Logger,
  ) {
    this.failures = new KeyedTokenBuckets(limits.failedAuthsPerMinute, limits.failedAuthsPerMinute / 60)
  }

  async onUpgrade({ request, socket }: onUpgradePayload) {
    const address = clientAddress(request, this.limits.trustProxy)
    const refusal = this.refusalFor(address)
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nRetry-After: 60\r\nConnection: close\r\n\r\n`)
      // null: refused on purpose, nothing to log
      throw null
    }
    const id = String(++this.nextId)
    request.headers[SOCKET_HEADER] = id
    const timer = setTimeout(() => this.timeOut(id), this.limits.authTimeoutMs)
    this.sockets.set(id, { address, socket, authenticated: false, timer })
    this.count(address, +1)
    socket.once('close', () => this.untrack(id))
  }

  /** Before each authentication attempt: an address with too many failures gets no more. */
  async onConnect({ requestHeaders }: onConnectPayload) {
    const tracked = this.sockets.get(requestHeaders.get(SOCKET_HEADER) ?? '')
    if (tracked && !this.failures.has(tracked.address)) this.turnAway(tracked)
  }

  /** Called by Authentication when a token or a convention is refused. */
  authenticationFailed = ({ requestHeaders }: Pick<onAuthenticatePayload, 'requestHeaders'>) => {
    const tracked = this.sockets.get(requestHeaders.get(SOCKET_HEADER) ?? '')
    if (!tracked || this.failures.take(tracked.address)) return
    this.logger.warn(`${tracked.address}: too many failed authentications, refused for a while`)
    if (!tracked.authenticated)
      closeUpgradedSocket(tracked.socket, CloseCode.tooMany, 'too many failed authentications')
  }

  async onAuthenticate({ requestHeaders }: onAuthenticatePayload) {
    const tracked = this.sockets.get(requestHeaders.get(SOCKET_HEADER) ?? '')
    if (!tracked || tracked.authenticated) return
    tracked.authenticated = true
    clearTimeout(tracked.timer)
    this.count(tracked.address, -1)
  }

  async onDestroy() {
    for (const { timer } of this.sockets.values()) clearTimeout(timer)
  }

  private refusalFor(address: string): string | null {
    if (!this.failures.has(address)) return '429 Too Many Requests'
    if ((this.unauthenticated.get(address) ?? 0) >= this.limits.maxUnauthenticatedPerIp) return '429 Too Many Requests'
    if (this.unauthenticatedTotal >= this.limits.maxUnauthenticated) return '503 Service Unavailable'
    return null
  }

  private turnAway(tracked: TrackedSocket): never {
    const reason = 'too many failed authentications'
    if (!tracked.authenticated) closeUpgradedSocket(tracked.socket, CloseCode.tooMany, reason)
    throw Object.assign(new Error(reason), { reason })
  }

  private timeOut(id: string) {
    const tracked = this.sockets.get(id)
    if (!tracked || tracked.authenticated) return
    this.logger.info(`${tracked.address}: closed a socket not authenticated within ${this.limits.authTimeoutMs} ms`)
    closeUpgradedSocket(tracked.socket, CloseCode.authenticationTimeout, 'authentication timeout')
  }

  private untrack(id: string) {
    const tracked = this.sockets.get(id)
    if (!tracked) return
    clearTimeout(tracked.timer)
    if (!tracked.authenticated) this.count(tracked.address, -1)
    this.sockets.delete(id)
  }

  private count(address: string, delta: number) {
    this.unauthenticatedTotal += delta
    const next = (this.unauthenticated.get(address) ?? 0) + delta
    if (next > 0) this.unauthenticated.set(address, next)
    else this.unauthenticated.delete(address)
  }
}
