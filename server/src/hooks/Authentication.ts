import { canEdit, CONVENTION_DELETED_CLOSE, type ConventionStatus, type Role } from '@ctg/shared'
import type { Extension, onAuthenticatePayload } from '@hocuspocus/server'
import type { Sessions } from '../auth/Sessions.js'
import { sessionTokenFromCookie } from '../http/sessionCookie.js'
import type { User } from '../auth/tokens.js'
import type { ConventionStore } from '../storage/ConventionStore.js'
import { participantTokenFromCookie } from '../plenary/participantCookie.js'
import type { ParticipantConnectionContext } from '../plenary/ParticipantContext.js'
import { isParticipantToken } from '../plenary/participantTokens.js'
import type { ParticipantAccess } from '../plenary/PlenaryService.js'

/** Checks a plénière participant's token for one convention (PlenaryService). */
export interface ParticipantAuthenticator {
  authenticateConnection(token: string, conventionId: string): Promise<ParticipantAccess | null>
}

export interface ConnectionContext {
  user: User
  /** the current role: read when the connection opens, then kept by LiveAccess (null: revoked, closing) */
  role: Role | null
  /** set when the convention is adopted or signed: the connection stays read-only (FreezeGuard) */
  frozen?: ConventionStatus
}

/** Hocuspocus answers a refused connection with the error's `reason`. */
const FORBIDDEN = Object.assign(new Error('forbidden'), { reason: 'forbidden' })
/** A convention in the bin, to its members (others get `forbidden`, as for an unknown id). */
const DELETED = Object.assign(new Error(CONVENTION_DELETED_CLOSE.reason), { reason: CONVENTION_DELETED_CLOSE.reason })

/**
 * Every WebSocket connection carries a bearer token (in Hocuspocus's authentication
 * message, or the session cookie of the upgrade request when that is empty); without a valid one, or for a
 * convention that does not exist (documents are created over HTTP only), the
 * connection is refused before any document is loaded, and `onFailure` is told
 * (PreAuthLimits counts failures per client address). A person without a membership is
 * refused as `forbidden`; a member, to a convention in the bin, as `convention deleted`;
 * readers and commenters get a read-only connection, so Hocuspocus refuses their updates.
 */
export class Authentication implements Extension {
  extensionName = 'Authentication'
  constructor(
    private readonly sessions: Sessions,
    private readonly store: ConventionStore,
    private readonly onFailure: (payload: onAuthenticatePayload) => void = () => {},
    private readonly participants?: ParticipantAuthenticator,
  ) {}

  async onAuthenticate(payload: onAuthenticatePayload): Promise<ConnectionContext | ParticipantConnectionContext> {
    try {
      const { context, readOnly } = await this.authorize(
        { token: payload.token, cookies: payload.requestHeaders.get('cookie') },
        payload.documentName,
      )
      payload.connectionConfig.readOnly = readOnly
      return context
    } catch (error) {
      this.onFailure(payload)
      throw error
    }
  }

  /**
   * Who the credentials are and whether they may open the convention: the one check behind
   * `/collab` and the y-websocket door (which runs it before its upgrade too). Throws
   * `InvalidTokenError` for a bad token, an error with `reason` `forbidden` (unknown
   * convention or no membership) or `convention deleted` (a member, convention in the bin).
   */
  async authorize(
    { token, cookies }: { token: string; cookies: string | null },
    conventionId: string,
  ): Promise<{ context: ConnectionContext | ParticipantConnectionContext; readOnly: boolean }> {
    // a plénière participant: their token, or their cookie when there is no session cookie
    const participantToken = isParticipantToken(token)
      ? token
      : !token && !sessionTokenFromCookie(cookies)
        ? participantTokenFromCookie(cookies)
        : null
    if (participantToken && this.participants) return await this.participant(participantToken, conventionId)
    // the web client sends no token: its session cookie came with the upgrade request
    const user = await this.sessions.verify(token || sessionTokenFromCookie(cookies))
    // an unknown convention and one the person is not a member of get the same answer
    if (!(await this.store.exists(conventionId))) throw FORBIDDEN
    await this.store.members.rememberUser(user)
    const access = await this.store.members.access(conventionId, user.id)
    if (!access) throw FORBIDDEN
    if (access.deletion) throw DELETED
    const { role } = access
    return { context: { user, role }, readOnly: !canEdit(role) }
  }

  /** Read-only, on their plénière's convention only, while it is open and they are not excluded. */
  private async participant(
    token: string,
    conventionId: string,
  ): Promise<{ context: ParticipantConnectionContext; readOnly: true }> {
    const access = await this.participants!.authenticateConnection(token, conventionId)
    if (!access) throw FORBIDDEN
    const { participant, plenary } = access
    const context: ParticipantConnectionContext = {
      role: null,
      participant: {
        id: participant.id,
        name: participant.name,
        plenaryId: plenary.id,
        conventionId: plenary.conventionId,
        endsAt: plenary.endsAt,
      },
    }
    return { context, readOnly: true }
  }
}
