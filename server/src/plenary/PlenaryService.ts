import {
  ANONYMOUS_PARTICIPANT,
  createId,
  createPlenaryCode,
  DEFAULT_PLENARY_HOURS,
  MAX_PLENARY_HOURS,
  normalisePlenaryCode,
  yDocToConvention,
  type AnchorRequest,
  type CreatePlenaryBody,
  type ExportedPlenary,
  type ParticipantStateResponse,
  type Plenary,
  type PlenaryComment,
  type PlenaryDetailResponse,
  type PrioritiesResponse,
} from '@ctg/shared'
import type * as Y from 'yjs'
import type { User } from '../auth/tokens.js'
import type { CommentService } from '../comments/CommentService.js'
import type { ConventionService } from '../conventions/ConventionService.js'
import { STORED_BY_WRITER } from '../hooks/Persistence.js'
import { HttpError } from '../http/HttpError.js'
import { MemoryWindowLimits } from '../limits/MemoryWindowLimits.js'
import { takePerMinute } from '../limits/takePerMinute.js'
import type { WindowLimits } from '../limits/WindowLimits.js'
import type { Logger } from '../logger.js'
import type { ActivityDetails, NewActivity } from '@ctg/shared'
import type { ConventionStore } from '../storage/ConventionStore.js'
import { readAnchors } from '../comments/readAnchors.js'
import { CodeGuessLimit } from './CodeGuessLimit.js'
import { fichesOf } from './fichesOf.js'
import { createParticipantToken, parseParticipantToken, secretMatches } from './participantTokens.js'
import type { PlenaryLive } from './PlenaryLive.js'
import { SupportsRefused, type StoredParticipant, type StoredPlenary } from './PlenaryStore.js'
import { rankFiches } from './rankFiches.js'
import type { LiveDocuments } from '../live/LiveDocuments.js'
import type { PlenaryExportRows } from './exportedPlenaries.js'

/** What one participant may send per minute. */
const COMMENTS_PER_MINUTE = 20
const SUPPORT_CHANGES_PER_MINUTE = 60
/** Reads (`…/me`, `…/convention`) per participant and minute: a phone reloading, not a script. */
const READS_PER_MINUTE = 120
export const MAX_PARTICIPANTS_PER_PLENARY = 1000
/** The context of the server's own priority writes: stored by this service before it answers. */
const PRIORITY_CONTEXT = { source: 'plenary', [STORED_BY_WRITER]: true }

/** A participant token that opens this plénière's routes. */
export interface ParticipantAccess {
  plenary: StoredPlenary
  participant: StoredParticipant
}

export const isClosed = (plenary: StoredPlenary, now = Date.now()) =>
  plenary.closedAt !== null || Date.parse(plenary.endsAt) <= now

const unauthorized = (message: string) => new HttpError(401, 'unauthorized', message)
const closedError = () => new HttpError(410, 'plenary_closed', 'the plénière is closed')
const notFound = () => new HttpError(404, 'not_found', 'no such plénière')

/**
 * Plénières: opened by a convention's writers, joined by participants with a code (no
 * account), who read the convention, comment (threads of the comment service, marked with
 * the plénière and the display name) and support fiches within a budget the database
 * enforces. Every change is announced live to the convention's members on every process;
 * closing and exclusion cut the participants off at once (PlenaryLive).
 */
export class PlenaryService {
  constructor(
    private readonly store: ConventionStore,
    private readonly conventions: ConventionService,
    private readonly comments: CommentService,
    private readonly documents: LiveDocuments,
    private readonly live: PlenaryLive,
    private readonly logger: Logger,
    private readonly guesses: CodeGuessLimit = new CodeGuessLimit(undefined, logger),
    /** each participant's pace, counted by every process when shared */
    private readonly pace: WindowLimits = new MemoryWindowLimits(),
  ) {}

  // ——— members ———

  async open(
    conventionId: string,
    user: User,
    body: Required<Omit<CreatePlenaryBody, 'endsAt'>> & { endsAt?: string },
    origin: string,
  ): Promise<Plenary> {
    const now = Date.now()
    const endsAt = body.endsAt ? Date.parse(body.endsAt) : now + DEFAULT_PLENARY_HOURS * 3600_000
    if (endsAt <= now) throw fieldError('endsAt', 'endsAt must be in the future')
    if (endsAt > now + MAX_PLENARY_HOURS * 3600_000) {
      throw fieldError('endsAt', `endsAt must be within ${MAX_PLENARY_HOURS} hours`)
    }
    for (let attempt = 0; attempt < 10; attempt++) {
      const plenary: StoredPlenary = {
        id: createId('pl-'),
        conventionId,
        code: createPlenaryCode(),
        title: body.title,
        supportsPerParticipant: body.supportsPerParticipant,
        moderation: body.moderation,
        openedAt: new Date(now).toISOString(),
        endsAt: new Date(endsAt).toISOString(),
        closedAt: null,
        openedById: user.id,
        openedByName: user.name,
      }
      if (await this.store.plenaries.create(plenary)) {
        await this.activity(conventionId, user, 'plenary_opened', { plenaryId: plenary.id, title: plenary.title })
        return this.json(plenary, 0, origin)
      }
    }
    throw new Error('no free plénière code after 10 draws')
  }

  async list(conventionId: string, origin: string): Promise<Plenary[]> {
    const plenaries = await this.store.plenaries.list(conventionId)
    const counts = await this.store.plenaries.participantCounts(plenaries.map((p) => p.id))
    return plenaries.map((p) => this.json(p, counts.get(p.id) ?? 0, origin))
  }

  /** The plénière of that convention, or 404. */
  async ofConvention(conventionId: string, plenaryId: string): Promise<StoredPlenary> {
    const plenary = await this.store.plenaries.get(plenaryId)
    if (!plenary || plenary.conventionId !== conventionId) throw notFound()
    return plenary
  }

  async detail(plenary: StoredPlenary, origin: string): Promise<PlenaryDetailResponse> {
    const participants = await this.store.plenaries.participants(plenary.id)
    const counts = await this.store.plenaries.supportCounts(plenary.id)
    const read = await this.conventions.withDocument(plenary.conventionId, async (doc) => ({
      fiches: fichesOf(doc).map((f) => f.id),
      comments: await this.commentsOf(plenary, doc, () => true),
    }))
    if (!read) throw notFound()
    return {
      plenary: this.json(plenary, participants.length, origin),
      participants: participants.map((p) => ({ id: p.id, name: p.name, joinedAt: p.joinedAt, excluded: p.excluded })),
      ranking: rankFiches(read.fiches, counts),
      comments: read.comments,
    }
  }

  async moderate(plenary: StoredPlenary, threadId: string, hidden: boolean): Promise<void> {
    if (!(await this.store.plenaries.setHidden(plenary.id, threadId, hidden))) {
      throw new HttpError(404, 'not_found', 'no such comment in this plénière')
    }
    await this.live.announce(plenary.conventionId, plenary.id, 'moderated')
    await this.comments.announce(plenary.conventionId, hidden ? 'deleted' : 'created', threadId)
  }

  async exclude(plenary: StoredPlenary, participantId: string, user: User): Promise<void> {
    const participant = await this.store.plenaries.participant(participantId)
    if (!participant || participant.plenaryId !== plenary.id) {
      throw new HttpError(404, 'not_found', 'no such participant in this plénière')
    }
    if (!(await this.store.plenaries.exclude(plenary.id, participantId))) return
    await this.live.announce(plenary.conventionId, plenary.id, 'excluded', participantId)
    await this.activity(plenary.conventionId, user, 'plenary_participant_excluded', {
      plenaryId: plenary.id,
      name: participant.name,
    })
  }

  async close(plenary: StoredPlenary, user: User, origin: string): Promise<Plenary> {
    const closedAt = new Date().toISOString()
    if (await this.store.plenaries.close(plenary.id, closedAt)) {
      await this.live.announce(plenary.conventionId, plenary.id, 'closed')
      await this.activity(plenary.conventionId, user, 'plenary_closed', { plenaryId: plenary.id, title: plenary.title })
    }
    const closed = (await this.store.plenaries.get(plenary.id))!
    const counts = await this.store.plenaries.participantCounts([plenary.id])
    return this.json(closed, counts.get(plenary.id) ?? 0, origin)
  }

  /**
   * Writes the ranking into the fiches' `priority` through the server's own connection to the
   * document (stored before answering): 1 for the most supported, and so on; fiches with no
   * support lose their priority. `only` limits the change to those fiches.
   */
  async writePriorities(plenary: StoredPlenary, only: string[] | undefined): Promise<PrioritiesResponse> {
    const counts = await this.store.plenaries.supportCounts(plenary.id)
    return this.documents.edit(plenary.conventionId, PRIORITY_CONTEXT, async (editor) => {
      let priorities: PrioritiesResponse['priorities'] = []
      const { updates } = await editor.transact((doc) => {
        const fiches = fichesOf(doc)
        const unknown = (only ?? []).filter((id) => !fiches.some((f) => f.id === id))
        if (unknown.length > 0)
          throw fieldError('blockIds', `not fiche actions of this convention: ${unknown.join(', ')}`)
        const ranking = rankFiches(
          fiches.map((f) => f.id),
          counts,
        )
        const elements = new Map(fiches.map((f) => [f.id, f.element]))
        let rank = 0
        priorities = ranking.map(({ blockId, supports }) => ({
          blockId,
          priority: supports > 0 ? ++rank : null,
        }))
        for (const { blockId, priority } of priorities) {
          if (only && !only.includes(blockId)) continue
          const element = elements.get(blockId)!
          if (priority === null) {
            if (element.getAttribute('priority') !== undefined) element.removeAttribute('priority')
          } else if (element.getAttribute('priority') !== (priority as never)) {
            element.setAttribute('priority', priority as never)
          }
        }
      })
      for (const update of updates) await this.conventions.storeServerChange(plenary.conventionId, update)
      return { priorities: only ? priorities.filter((p) => only.includes(p.blockId)) : priorities }
    })
  }

  // ——— participants ———

  /** What a phone shows before joining; an unknown code counts as a guess of the address. */
  async publicInfo(rawCode: string, address: string) {
    const plenary = await this.byCode(rawCode, address)
    const convention = await this.store.get(plenary.conventionId)
    return {
      title: plenary.title,
      conventionTitle: convention?.title ?? '',
      status: isClosed(plenary) ? ('closed' as const) : ('open' as const),
    }
  }

  async join(rawCode: string, rawName: string | undefined, address: string) {
    const plenary = await this.byCode(rawCode, address)
    if (isClosed(plenary)) throw closedError()
    const count = (await this.store.plenaries.participantCounts([plenary.id])).get(plenary.id) ?? 0
    if (count >= MAX_PARTICIPANTS_PER_PLENARY) {
      throw new HttpError(409, 'plenary_full', `at most ${MAX_PARTICIPANTS_PER_PLENARY} participants`)
    }
    const name = rawName && rawName.trim() ? rawName : ANONYMOUS_PARTICIPANT
    const id = createId('pp-')
    const { token, hash } = createParticipantToken(id)
    await this.store.plenaries.addParticipant({
      id,
      plenaryId: plenary.id,
      name,
      tokenHash: hash,
      joinedAt: new Date().toISOString(),
      excluded: false,
    })
    await this.live.announce(plenary.conventionId, plenary.id, 'joined')
    return { participant: { id, name }, token, endsAt: plenary.endsAt }
  }

  /**
   * The participant a token names, for this plénière's routes: 401 for a forged token, a
   * token of another plénière or an excluded participant; 410 once closed.
   */
  async authenticate(rawCode: string, token: string | null): Promise<ParticipantAccess> {
    const parsed = parseParticipantToken(token)
    if (!parsed) throw unauthorized('a participant token is required')
    const { participant, plenary, binned } = await this.accessOf(parsed.participantId)
    if (!participant || !secretMatches(parsed.secret, participant.tokenHash)) throw unauthorized('invalid token')
    const code = normalisePlenaryCode(rawCode)
    if (!plenary || !code || plenary.code !== code) throw unauthorized('the token is for another plénière')
    if (participant.excluded) throw unauthorized('excluded from this plénière')
    if (isClosed(plenary) || binned) throw closedError()
    return { plenary, participant }
  }

  /**
   * The participant, their plénière and whether its convention is in the bin: from memory while
   * no event ended their access (PlenaryLive drops them on every process), else from the database.
   * Only an open access is kept: a refusal is read again each time.
   */
  private async accessOf(
    participantId: string,
  ): Promise<{ participant: StoredParticipant | null; plenary: StoredPlenary | null; binned: boolean }> {
    const cache = this.live.accessCache
    const cached = cache.get(participantId)
    if (cached) return { ...cached, binned: false }
    const mark = cache.mark()
    const participant = await this.store.plenaries.participant(participantId)
    if (!participant) return { participant: null, plenary: null, binned: false }
    const plenary = await this.store.plenaries.get(participant.plenaryId)
    if (!plenary) return { participant, plenary: null, binned: false }
    // a convention moved to the bin ends its plénières' access too
    const binned = Boolean(await this.store.bin.deletionOf(plenary.conventionId))
    if (!participant.excluded && !binned && !isClosed(plenary)) cache.set(mark, { participant, plenary })
    return { participant, plenary, binned }
  }

  /** For `/collab`: the participant's context on their plénière's convention, or null (refused). */
  async authenticateConnection(token: string, conventionId: string): Promise<ParticipantAccess | null> {
    const parsed = parseParticipantToken(token)
    if (!parsed) return null
    const participant = await this.store.plenaries.participant(parsed.participantId)
    if (!participant || participant.excluded || !secretMatches(parsed.secret, participant.tokenHash)) return null
    const plenary = await this.store.plenaries.get(participant.plenaryId)
    if (!plenary || plenary.conventionId !== conventionId || isClosed(plenary)) return null
    if (await this.store.bin.deletionOf(conventionId)) return null
    return { plenary, participant }
  }

  async state({ plenary, participant }: ParticipantAccess): Promise<ParticipantStateResponse> {
    await this.spend('reads', participant.id, READS_PER_MINUTE, 'too_many_requests')
    const supports = await this.store.plenaries.supportsOf(participant.id)
    const convention = await this.store.get(plenary.conventionId)
    const comments = await this.conventions.withDocument(plenary.conventionId, (doc) =>
      this.commentsOf(plenary, doc, (c) => !c.hidden || c.participant.id === participant.id),
    )
    return {
      conventionId: plenary.conventionId,
      participant: { id: participant.id, name: participant.name },
      plenary: {
        title: plenary.title,
        conventionTitle: convention?.title ?? '',
        status: 'open',
        supportsPerParticipant: plenary.supportsPerParticipant,
        endsAt: plenary.endsAt,
      },
      supports,
      remaining: Math.max(0, plenary.supportsPerParticipant - supports.length),
      comments: comments ?? [],
    }
  }

  /** The structured convention now, without its comments (members' threads are not for participants). */
  async convention({ plenary, participant }: ParticipantAccess) {
    await this.spend('reads', participant.id, READS_PER_MINUTE, 'too_many_requests')
    const convention = await this.conventions.withDocument(plenary.conventionId, (doc) => yDocToConvention(doc))
    if (!convention) throw notFound()
    return convention
  }

  async comment({ plenary, participant }: ParticipantAccess, anchor: AnchorRequest, body: string) {
    await this.spend('comments', participant.id, COMMENTS_PER_MINUTE, 'too_many_messages')
    const thread = await this.comments.create(
      plenary.conventionId,
      { id: participant.id, name: participant.name },
      anchor,
      body,
      { plenaryId: plenary.id, hidden: plenary.moderation === 'before' },
    )
    await this.live.announce(plenary.conventionId, plenary.id, 'commented')
    return thread
  }

  async setSupports({ plenary, participant }: ParticipantAccess, blockIds: string[]) {
    await this.spend('changes of supports', participant.id, SUPPORT_CHANGES_PER_MINUTE, 'too_many_requests')
    const wanted = [...new Set(blockIds)]
    const fiches = await this.conventions.withDocument(
      plenary.conventionId,
      (doc) => new Set(fichesOf(doc).map((f) => f.id)),
    )
    const others = wanted.filter((id) => !fiches?.has(id))
    if (others.length > 0) throw fieldError('blockIds', `not fiche actions of this convention: ${others.join(', ')}`)
    if (wanted.length > plenary.supportsPerParticipant) throw budgetError(plenary)
    try {
      await this.store.plenaries.replaceSupports(plenary.id, participant.id, wanted)
    } catch (error) {
      if (!(error instanceof SupportsRefused)) throw error
      if (error.reason === 'support_budget') throw budgetError(plenary)
      if (error.reason === 'participant_excluded') throw unauthorized('excluded from this plénière')
      throw closedError()
    }
    await this.live.announce(plenary.conventionId, plenary.id, 'supported')
    const supports = await this.store.plenaries.supportsOf(participant.id)
    return { supports, remaining: Math.max(0, plenary.supportsPerParticipant - supports.length) }
  }

  // ——— export and import ———

  /** What the export's `plenaries` are made of (see `exportedPlenaries`), read from the stores. */
  async exportRows(conventionId: string): Promise<PlenaryExportRows> {
    const imported = await this.store.plenaries.importedRecords(conventionId)
    const own = await this.store.plenaries.list(conventionId)
    const rows: PlenaryExportRows['own'] = []
    for (const plenary of [...own].reverse()) {
      rows.push({
        id: plenary.id,
        title: plenary.title,
        openedAt: plenary.openedAt,
        closedAt: closedAtOf(plenary),
        participantCount: (await this.store.plenaries.participants(plenary.id)).length,
        counts: await this.store.plenaries.supportCounts(plenary.id),
      })
    }
    return { imported, own: rows }
  }

  importPlenaries(conventionId: string, records: ExportedPlenary[]): Promise<void> {
    return this.store.plenaries.importRecords(conventionId, records)
  }

  // ——— helpers ———

  private async byCode(rawCode: string, address: string): Promise<StoredPlenary> {
    this.guesses.check(address)
    const code = normalisePlenaryCode(rawCode)
    const plenary = code ? await this.store.plenaries.byCode(code) : null
    if (!plenary) {
      await this.guesses.failed(address)
      throw notFound()
    }
    return plenary
  }

  private async commentsOf(
    plenary: StoredPlenary,
    doc: Y.Doc,
    keep: (comment: PlenaryComment) => boolean,
  ): Promise<PlenaryComment[]> {
    const threads = await this.store.comments.plenaryThreads(plenary.conventionId, plenary.id)
    if (threads.length === 0) return []
    const anchors = readAnchors(doc)
    return threads
      .sort((a, b) => a.thread.createdAt.localeCompare(b.thread.createdAt))
      .map(({ thread, messages }) => ({
        threadId: thread.id,
        anchor: this.comments.anchorJson(thread, anchors),
        participant: { id: thread.authorId, name: thread.authorName },
        body: messages[0]?.body ?? '',
        createdAt: thread.createdAt,
        hidden: thread.hidden,
      }))
      .filter(keep)
  }

  private spend(what: string, participantId: string, perMinute: number, code: string) {
    return takePerMinute(this.pace, `plenary:${what}:${participantId}`, perMinute, {
      code,
      message: `at most ${perMinute} ${what} a minute`,
    })
  }

  private json(plenary: StoredPlenary, participantCount: number, origin: string): Plenary {
    const closed = isClosed(plenary)
    return {
      id: plenary.id,
      conventionId: plenary.conventionId,
      code: plenary.code,
      joinUrl: `${origin}/p/${plenary.code}`,
      title: plenary.title,
      supportsPerParticipant: plenary.supportsPerParticipant,
      moderation: plenary.moderation,
      status: closed ? 'closed' : 'open',
      openedAt: plenary.openedAt,
      endsAt: plenary.endsAt,
      closedAt: closedAtOf(plenary),
      openedBy: { id: plenary.openedById, name: plenary.openedByName },
      participantCount,
    }
  }

  private async activity<A extends `plenary_${string}` & keyof ActivityDetails>(
    conventionId: string,
    user: User,
    action: A,
    detail: ActivityDetails[A],
  ) {
    await this.store.activity
      .append({ conventionId, userId: user.id, userName: user.name, action, detail } as NewActivity)
      .catch((error) => this.logger.error(`convention ${conventionId}: plénière activity not recorded`, error))
  }
}

/** When it closed: by hand, or at its end time once that has passed; null while open. */
function closedAtOf(plenary: StoredPlenary): string | null {
  if (plenary.closedAt) return plenary.closedAt
  return Date.parse(plenary.endsAt) <= Date.now() ? plenary.endsAt : null
}

function fieldError(path: string, message: string) {
  return new HttpError(400, 'invalid_body', `${path}: ${message}`, [{ path, message }])
}

function budgetError(plenary: StoredPlenary) {
  return new HttpError(
    422,
    'support_budget',
    `at most ${plenary.supportsPerParticipant} fiches may be supported by one participant`,
  )
}
