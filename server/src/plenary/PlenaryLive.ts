import { PARTICIPANT_EXCLUDED_CLOSE, PLENARY_CLOSED_CLOSE, type PlenaryEvent, type PlenaryMessage } from '@ctg/shared'
import type { Connection } from '@hocuspocus/server'
import type { LiveAccess } from '../access/LiveAccess.js'
import type { PlenaryAccessEvent } from '../access/AccessEvent.js'
import type { Logger } from '../logger.js'
import type { PlenaryStore } from './PlenaryStore.js'
import { participantOf } from './ParticipantContext.js'
import type { ParticipantAccessCache } from './ParticipantAccessCache.js'
import type { LiveDocuments } from '../live/LiveDocuments.js'

/**
 * The plénière's live channel, over the access bus (Redis with several processes): each
 * event reaches the convention's members' connections on every process as the stateless
 * `{"type":"plenary","plenaryId","event"}`; `closed` and `excluded` also cut the
 * participants concerned off at once (stateless message, then 4410 / 4401).
 */
export class PlenaryLive {
  constructor(
    private readonly documents: LiveDocuments,
    private readonly live: LiveAccess,
    private readonly store: PlenaryStore,
    private readonly logger: Logger,
    /** the participants' access kept in memory: dropped here, on every process, as access ends */
    readonly accessCache: ParticipantAccessCache,
  ) {
    live.plenaryListener = this
  }

  /** After a change is committed: every process tells its connections. */
  announce(conventionId: string, plenaryId: string, event: PlenaryEvent, participantId?: string): Promise<void> {
    return this.live.plenaryChanged({ conventionId, plenaryId, event, ...(participantId ? { participantId } : {}) })
  }

  onEvent(event: PlenaryAccessEvent): void {
    // first, and whether or not this process holds the document: the next request reads the database
    if (event.event === 'closed') this.accessCache.plenaryClosed(event.plenaryId)
    else if (event.event === 'excluded' && event.participantId)
      this.accessCache.participantExcluded(event.participantId)
    const document = this.documents.loaded.get(event.conventionId)
    if (!document) return
    const payload = JSON.stringify({
      type: 'plenary',
      plenaryId: event.plenaryId,
      event: event.event,
    } satisfies PlenaryMessage)
    // members only, encoded once; participants never learn of each other's doings
    document.relayStateless(payload, (connection) => !participantOf(connection))
    if (event.event !== 'closed' && event.event !== 'excluded') return
    for (const connection of document.getConnections()) {
      const participant = participantOf(connection)
      if (!participant) continue
      if (event.event === 'closed' && participant.plenaryId === event.plenaryId) {
        this.cutOff(connection, payload, PLENARY_CLOSED_CLOSE)
      } else if (event.event === 'excluded' && participant.id === event.participantId) {
        this.cutOff(connection, payload, PARTICIPANT_EXCLUDED_CLOSE)
      }
    }
  }

  /** The bus may have lost events: every participant connection is checked against the database. */
  async onResubscribed(): Promise<void> {
    this.accessCache.clear()
    for (const document of this.documents.loaded.values()) {
      for (const connection of document.getConnections()) {
        const participant = participantOf(connection)
        if (!participant) continue
        try {
          const stored = await this.store.participant(participant.id)
          const plenary = await this.store.get(participant.plenaryId)
          const closed = !plenary || plenary.closedAt !== null || Date.parse(plenary.endsAt) <= Date.now()
          const message = (event: PlenaryEvent) =>
            JSON.stringify({ type: 'plenary', plenaryId: participant.plenaryId, event } satisfies PlenaryMessage)
          if (!stored || stored.excluded) this.cutOff(connection, message('excluded'), PARTICIPANT_EXCLUDED_CLOSE)
          else if (closed) this.cutOff(connection, message('closed'), PLENARY_CLOSED_CLOSE)
        } catch (error) {
          this.logger.error(`plénière: could not re-check participant ${participant.id}`, error)
        }
      }
    }
  }

  onConventionDeleted(conventionId: string): void {
    this.accessCache.conventionDeleted(conventionId)
  }

  private cutOff(connection: Connection, payload: string, close: { code: number; reason: string }) {
    connection.sendStateless(payload)
    connection.webSocket.close(close.code, close.reason)
  }
}
