import type {
  AccessMessage,
  ConventionDeletedMessage,
  ConventionStatus,
  FrozenMessage,
  Role,
  ThreadEvent,
  ThreadsMessage,
} from '@ctg/shared'
import { ACCESS_REVOKED_CLOSE, canEdit, CONVENTION_DELETED_CLOSE, SIGNED_OUT_CLOSE } from '@ctg/shared'
import type { Connection } from '@hocuspocus/server'
import type { BinStore } from '../bin/BinStore.js'
import type { ConnectionContext } from '../hooks/Authentication.js'
import type { Logger } from '../logger.js'
import type { AccountStore } from '../storage/AccountStore.js'
import type { MembershipStore } from '../storage/MembershipStore.js'
import { participantOf } from '../plenary/ParticipantContext.js'
import type { AccessBus } from './AccessBus.js'
import type { AccessEvent, PlenaryAccessEvent } from './AccessEvent.js'
import type { LiveDocuments } from '../live/LiveDocuments.js'

/** Checks of one person's role on one convention: only the latest-started read may apply. */
interface RoleChecks {
  started: number
  applied: number
  inFlight: number
}

const contextOf = (connection: Connection) => connection.context as Partial<ConnectionContext>

/**
 * Applies access changes to open connections, on every server process (through the
 * access bus): a role change makes the person's connections on that convention
 * read-only or not, tells them (stateless `{"type":"access","role"}`) and closes them
 * with 4403 when revoked; a signed-out session closes its connections with 4401; a
 * convention moved to the bin has its connections told who binned it (stateless
 * `{"type":"deleted"}`) and closed with 4410.
 *
 * A membership event says only who changed: each process that has connections of that
 * person reads the role from the database, so events that arrive late or out of order
 * still end on the stored role. When the bus may have lost events (Redis came back),
 * every open connection is checked the same way.
 */
export class LiveAccess {
  /** the plénière's share of the bus (PlenaryLive), set once at start */
  plenaryListener:
    | {
        onEvent(event: PlenaryAccessEvent): void
        onConventionDeleted(conventionId: string): void
        onResubscribed(): Promise<void>
      }
    | undefined
  private readonly checks = new Map<string, RoleChecks>()
  private sessionTimer: NodeJS.Timeout | undefined

  constructor(
    private readonly documents: LiveDocuments,
    private readonly members: MembershipStore,
    private readonly accounts: AccountStore,
    private readonly bus: AccessBus,
    private readonly logger: Logger,
    private readonly bin: BinStore,
  ) {
    bus.listen({
      onEvent: (event) => this.receive(event),
      onResubscribed: () => {
        this.recheckAll().catch((error) => logger.error('live access: re-check failed', error))
        this.plenaryListener?.onResubscribed().catch((error) => logger.error('plénière: re-check failed', error))
      },
    })
  }

  /**
   * After a membership change is committed: every process applies it to that person's
   * connections. Resolves once this process has, so that no update sent after the answer
   * is taken with the old role here.
   */
  changed(conventionId: string, userId: string): Promise<void> {
    return this.bus.publish({ type: 'membershipChanged', conventionId, userId })
  }

  /** After a sign-out: every process closes that session's connections (4401 `signed out`). */
  endSession(sessionId: string): Promise<void> {
    return this.bus.publish({ type: 'sessionEnded', sessionId })
  }

  /** After a convention was moved to the bin: every process closes its connections (4410 `convention deleted`). */
  conventionDeleted(conventionId: string): Promise<void> {
    return this.bus.publish({ type: 'conventionDeleted', conventionId })
  }

  /**
   * After a comment thread changed (committed): every connection of the convention, on every
   * process, read-only ones included, gets `{"type":"threads","event","threadId"}`.
   */
  threadsChanged(conventionId: string, event: ThreadEvent, threadId: string): Promise<void> {
    return this.bus.publish({ type: 'threads', conventionId, event, threadId })
  }

  /** After a plénière changed (committed): see PlenaryLive. */
  plenaryChanged(event: Omit<PlenaryAccessEvent, 'type'>): Promise<void> {
    return this.bus.publish({ type: 'plenary', ...event })
  }

  /** After a convention was adopted or signed (committed): its connections become read-only on every process. */
  frozen(conventionId: string, status: ConventionStatus): Promise<void> {
    return this.bus.publish({ type: 'frozen', conventionId, status })
  }

  /**
   * Every connection of the convention on this process becomes read-only, stays open and is
   * told why (`{"type":"frozen","status"}`); a later role change keeps it read-only.
   */
  freezeConnections(conventionId: string, status: ConventionStatus): void {
    const message = JSON.stringify({ type: 'frozen', status } satisfies FrozenMessage)
    for (const connection of this.documents.loaded.get(conventionId)?.getConnections() ?? []) {
      contextOf(connection).frozen = status
      connection.readOnly = true
      connection.sendStateless(message)
    }
  }

  /** After a reset or a sign-out everywhere: each ended session's connections close on every process. */
  async endSessions(sessionIds: string[]): Promise<void> {
    await Promise.all(sessionIds.map((sessionId) => this.endSession(sessionId)))
  }

  private async receive(event: AccessEvent) {
    if (event.type === 'membershipChanged') await this.recheck(event.conventionId, event.userId)
    else if (event.type === 'conventionDeleted') {
      this.plenaryListener?.onConventionDeleted(event.conventionId)
      await this.closeIfDeleted(event.conventionId)
    } else if (event.type === 'threads') this.tellThreads(event.conventionId, event.event, event.threadId)
    else if (event.type === 'plenary') this.plenaryListener?.onEvent(event)
    else if (event.type === 'frozen') this.freezeConnections(event.conventionId, event.status)
    else this.closeSession(event.sessionId)
  }

  /** Reads the bin, so that a restore that overtook the event leaves the connections open. */
  private async closeIfDeleted(conventionId: string) {
    if (!this.documents.loaded.get(conventionId)?.getConnectionsCount()) return
    let deletion
    try {
      deletion = await this.bin.deletionOf(conventionId)
    } catch (error) {
      this.logger.error(`live access: could not read whether ${conventionId} is in the bin`, error)
      return
    }
    if (!deletion) return
    const message = JSON.stringify({ type: 'deleted', ...deletion } satisfies ConventionDeletedMessage)
    for (const connection of this.documents.loaded.get(conventionId)?.getConnections() ?? []) {
      connection.sendStateless(message)
      connection.webSocket.close(CONVENTION_DELETED_CLOSE.code, CONVENTION_DELETED_CLOSE.reason)
    }
  }

  private tellThreads(conventionId: string, event: ThreadEvent, threadId: string) {
    const payload = JSON.stringify({ type: 'threads', event, threadId } satisfies ThreadsMessage)
    // encoded once for every connection; `relay`, not `broadcast`: the bus already reached the other processes.
    // Participants of a plénière cannot read the threads: they are not told
    this.documents.relayStateless(conventionId, payload, (connection) => !participantOf(connection))
  }

  private connectionsOf(conventionId: string, userId: string): Connection[] {
    const document = this.documents.loaded.get(conventionId)
    if (!document) return []
    return [...document.getConnections()].filter((c) => contextOf(c).user?.id === userId)
  }

  private async recheck(conventionId: string, userId: string) {
    // nothing to do, and no query, where the person has no connection to that convention
    if (this.connectionsOf(conventionId, userId).length === 0) return
    const key = `${conventionId}\n${userId}`
    const checks = this.checks.get(key) ?? { started: 0, applied: 0, inFlight: 0 }
    this.checks.set(key, checks)
    const mine = ++checks.started
    checks.inFlight++
    try {
      const role = await this.members.roleOf(conventionId, userId)
      // a read started later saw a state at least as recent; an older answer must not undo it
      if (mine > checks.applied) {
        checks.applied = mine
        for (const connection of this.connectionsOf(conventionId, userId)) this.setRole(connection, role)
      }
    } catch (error) {
      this.logger.error(`live access: could not read the role of ${userId} on ${conventionId}`, error)
    } finally {
      if (--checks.inFlight === 0) this.checks.delete(key)
    }
  }

  private setRole(connection: Connection, role: Role | null) {
    const context = contextOf(connection)
    if (context.role === role) return
    context.role = role
    connection.readOnly = !canEdit(role) || context.frozen !== undefined
    connection.sendStateless(JSON.stringify({ type: 'access', role } satisfies AccessMessage))
    if (role === null) connection.webSocket.close(ACCESS_REVOKED_CLOSE.code, ACCESS_REVOKED_CLOSE.reason)
  }

  private async recheckAll() {
    const pairs = new Map<string, [string, string]>()
    for (const [name, document] of this.documents.loaded) {
      for (const connection of document.getConnections()) {
        const userId = contextOf(connection).user?.id
        if (userId) pairs.set(`${name}\n${userId}`, [name, userId])
      }
    }
    await Promise.all([
      ...[...pairs.values()].map(([conventionId, userId]) => this.recheck(conventionId, userId)),
      // conventions binned during the cut
      ...[...this.documents.loaded.keys()].map((name) => this.closeIfDeleted(name)),
      // sign-outs published during the cut
      this.recheckSessions(),
    ])
  }

  /**
   * Closes the connections whose session was ended by something that did not reach this
   * process through the bus: the bus was cut, or another program (`npm run user --
   * --sign-out-everywhere`) wrote to the database. One query for every open connection.
   */
  async recheckSessions(): Promise<void> {
    const sessions = new Set<string>()
    for (const document of this.documents.loaded.values()) {
      for (const connection of document.getConnections()) {
        const sessionId = contextOf(connection).user?.sessionId
        if (sessionId) sessions.add(sessionId)
      }
    }
    for (const sessionId of await this.accounts.endedAmong([...sessions])) this.closeSession(sessionId)
  }

  /** Re-checks open connections' sessions every `intervalMs` until `stop()`. */
  recheckSessionsEvery(intervalMs: number): void {
    clearInterval(this.sessionTimer)
    this.sessionTimer = setInterval(() => {
      this.recheckSessions().catch((error) => this.logger.error('live access: session re-check failed', error))
    }, intervalMs)
    this.sessionTimer.unref()
  }

  stop(): void {
    clearInterval(this.sessionTimer)
  }

  private closeSession(sessionId: string) {
    for (const document of this.documents.loaded.values()) {
      for (const connection of document.getConnections()) {
        if (contextOf(connection).user?.sessionId !== sessionId) continue
        connection.webSocket.close(SIGNED_OUT_CLOSE.code, SIGNED_OUT_CLOSE.reason)
      }
    }
  }
}
