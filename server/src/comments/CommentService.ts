import {
  blockLabels,
  createId,
  yDocToConvention,
  type AnchorRequest,
  type CommentMessage,
  type CommentThread,
  type ThreadEvent,
  type ThreadStatus,
} from '@ctg/shared'
import type * as Y from 'yjs'
import type { LiveAccess } from '../access/LiveAccess.js'
import type { User } from '../auth/tokens.js'
import type { ConventionService } from '../conventions/ConventionService.js'
import { STORED_BY_WRITER } from '../hooks/Persistence.js'
import { HttpError } from '../http/HttpError.js'
import { MemoryWindowLimits } from '../limits/MemoryWindowLimits.js'
import { takePerMinute } from '../limits/takePerMinute.js'
import type { WindowLimits } from '../limits/WindowLimits.js'
import type { Logger } from '../logger.js'
import type { ActivityDetails, NewActivity } from '@ctg/shared'
import type { ActivityStore } from '../storage/ActivityStore.js'
import type { CommentStore, StoredMessage, StoredThread, ThreadWithMessages } from './CommentStore.js'
import { markPassage } from './markPassage.js'
import { readAnchors, type DocumentAnchors } from './readAnchors.js'
import { decodePosition, resolvePassage, type PassageResolution } from './resolvePassage.js'
import type { LiveDocuments } from '../live/LiveDocuments.js'
import { messageJson } from './messageJson.js'
import { inDocumentOrder, placeOf } from './threadPlace.js'

/** Messages (threads and replies together) one person may post per minute on one convention. */
export const MESSAGES_PER_MINUTE = 30
/** How long a passage whose positions name changes not received yet is waited for. */
const UNKNOWN_POSITION_WAIT_MS = 1500
/** The context of the server's own anchor writes: stored by this service before it answers. */
const ANCHOR_CONTEXT = { source: 'comments', [STORED_BY_WRITER]: true }
/** How long a document's block labels are reused (see blockLabel). */
const LABELS_REUSE_MS = 1000

const invalidAnchor = (message: string) =>
  new HttpError(400, 'invalid_body', `anchor: ${message}`, [{ path: 'anchor', message }])

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Comment threads: kept in the database, anchored in the document. The server writes
 * a passage's anchor (the `comment` mark) itself, through its own direct connection to
 * the document, after checking the role: commenters stay read-only at the Yjs level.
 * Every change goes to the activity log and, as the stateless message
 * `{"type":"threads","event","threadId"}`, to every connection of the convention on
 * every process (the access bus).
 */
export class CommentService {
  private readonly labels = new WeakMap<Y.Doc, { at: number; labels: Map<string, string> }>()

  constructor(
    private readonly store: CommentStore,
    private readonly activity: ActivityStore,
    private readonly conventions: ConventionService,
    private readonly documents: LiveDocuments,
    private readonly live: LiveAccess,
    private readonly logger: Logger,
    /** messages per person and convention, counted by every process when shared */
    private readonly posting: WindowLimits = new MemoryWindowLimits(),
  ) {}

  async list(conventionId: string): Promise<CommentThread[]> {
    const threads = await this.store.threads(conventionId)
    const anchors = await this.conventions.withDocument(conventionId, readAnchors)
    if (!anchors) throw new HttpError(404, 'not_found', 'no such convention')
    // a plénière's hidden comments (moderation) are for its facilitator's view only
    const shown = threads.filter((t) => !t.thread.hidden)
    return inDocumentOrder(shown, anchors).map((t) => this.threadJson(t, anchors))
  }

  /** Where each thread is now: its block or entry (a passage's innermost one) and whether it is detached. */
  async anchorsOf(conventionId: string): Promise<DocumentAnchors | null> {
    return this.conventions.withDocument(conventionId, readAnchors)
  }

  /** A thread's anchor as the API shows it, from `anchorsOf`. */
  anchorJson(thread: StoredThread, anchors: DocumentAnchors): CommentThread['anchor'] {
    return this.threadJson({ thread, messages: [] }, anchors).anchor
  }

  /** Tells every connection of the convention that a thread changed (a plénière's moderation). */
  announce(conventionId: string, event: ThreadEvent, threadId: string): Promise<void> {
    return this.live.threadsChanged(conventionId, event, threadId)
  }

  /**
   * A new thread. From a plénière (`from`), the author is the participant (their id and
   * display name), the thread carries the plénière's id and starts hidden when its
   * moderation says so; the plénière limits its participants' pace itself.
   */
  async create(
    conventionId: string,
    user: User,
    anchor: AnchorRequest,
    body: string,
    from?: { plenaryId: string; hidden: boolean },
  ): Promise<CommentThread> {
    if (!from) await this.spend(conventionId, user)
    const threadId = createId('t-')
    const createdAt = new Date().toISOString()
    let thread: StoredThread
    if ('blockId' in anchor) {
      const label = await this.conventions.withDocument(conventionId, (doc) => this.blockLabel(doc, anchor.blockId))
      if (label === null || label === undefined) throw new HttpError(404, 'not_found', 'no such block or entry')
      thread = {
        id: threadId,
        conventionId,
        blockId: anchor.blockId,
        kind: 'block',
        field: null,
        quote: label,
        status: 'open',
        createdAt,
        authorId: user.id,
        authorName: user.name,
        detached: false,
        plenaryId: from?.plenaryId ?? null,
        hidden: from?.hidden ?? false,
      }
    } else {
      const placed = await this.writeAnchor(conventionId, threadId, anchor.from, anchor.to)
      thread = {
        id: threadId,
        conventionId,
        blockId: placed.blockId,
        kind: 'passage',
        field: placed.field,
        quote: placed.quote,
        status: 'open',
        createdAt,
        authorId: user.id,
        authorName: user.name,
        detached: placed.kind === 'gone',
        plenaryId: from?.plenaryId ?? null,
        hidden: from?.hidden ?? false,
      }
    }
    const first: StoredMessage = {
      id: createId('m-'),
      threadId,
      authorId: user.id,
      authorName: user.name,
      body,
      createdAt,
      editedAt: null,
      deleted: false,
    }
    await this.store.createThread(thread, first)
    await this.changed(conventionId, user, 'created', threadId, 'comment_thread_created', {
      quote: thread.quote.slice(0, 200),
      ...(thread.blockId ? { blockId: thread.blockId } : {}),
    })
    return {
      id: thread.id,
      anchor: {
        ...(thread.blockId ? { blockId: thread.blockId } : {}),
        quote: thread.quote,
        detached: thread.detached,
      },
      status: thread.status,
      createdAt,
      author: { id: user.id, name: user.name },
      messages: [messageJson(first)],
      ...(thread.plenaryId ? { plenaryId: thread.plenaryId } : {}),
    }
  }

  async reply(conventionId: string, threadId: string, user: User, body: string): Promise<CommentMessage> {
    await this.existing(conventionId, threadId)
    await this.spend(conventionId, user)
    const message: StoredMessage = {
      id: createId('m-'),
      threadId,
      authorId: user.id,
      authorName: user.name,
      body,
      createdAt: new Date().toISOString(),
      editedAt: null,
      deleted: false,
    }
    await this.store.addMessage(message)
    await this.changed(conventionId, user, 'replied', threadId, 'comment_replied', { messageId: message.id })
    return messageJson(message)
  }

  async setStatus(conventionId: string, threadId: string, user: User, status: ThreadStatus): Promise<CommentThread> {
    const { thread } = await this.existing(conventionId, threadId)
    if (thread.status !== status) {
      await this.store.setStatus(threadId, status)
      const resolved = status === 'resolved'
      await this.changed(
        conventionId,
        user,
        resolved ? 'resolved' : 'reopened',
        threadId,
        resolved ? 'comment_thread_resolved' : 'comment_thread_reopened',
        { quote: thread.quote.slice(0, 200) },
      )
    }
    return (await this.threadOf(conventionId, threadId))!
  }

  /** Only the author edits a message. */
  async edit(conventionId: string, threadId: string, messageId: string, user: User, body: string) {
    const message = await this.messageOf(conventionId, threadId, messageId)
    if (message.authorId !== user.id) throw new HttpError(403, 'forbidden', 'only its author may edit a message')
    if (message.deleted) throw new HttpError(409, 'message_deleted', 'the message was deleted')
    const editedAt = new Date().toISOString()
    await this.store.editMessage(messageId, body, editedAt)
    await this.changed(conventionId, user, 'edited', threadId, 'comment_edited', { messageId })
    return messageJson({ ...message, body, editedAt })
  }

  /** The author deletes their message; an owner deletes any (moderation). */
  async delete(conventionId: string, threadId: string, messageId: string, user: User, isOwner: boolean) {
    const message = await this.messageOf(conventionId, threadId, messageId)
    if (message.authorId !== user.id && !isOwner) {
      throw new HttpError(403, 'forbidden', 'only its author or an owner may delete a message')
    }
    if (message.deleted) return
    await this.store.deleteMessage(messageId)
    await this.changed(conventionId, user, 'deleted', threadId, 'comment_deleted', {
      messageId,
      ...(message.authorId !== user.id ? { moderated: true, authorName: message.authorName } : {}),
    })
  }

  /**
   * Records which threads lost their anchor since the last look (or found it again),
   * and announces each newly detached one. Called shortly after the document changes.
   */
  async checkDetached(conventionId: string, doc: Y.Doc): Promise<void> {
    const threads = await this.store.threadsOnly(conventionId)
    if (threads.length === 0) return
    const anchors = readAnchors(doc)
    for (const thread of threads) {
      const detached = placeOf(thread, anchors).order === undefined
      if (detached === thread.detached) continue
      // one process only wins the change, and announces it
      if ((await this.store.setDetached(thread.id, detached)) && detached) {
        await this.live.threadsChanged(conventionId, 'detached', thread.id)
      }
    }
  }

  /**
   * A block's label, or null when no block or entry has that id. The labels of a document are
   * reused for a second (a room of phones commenting whole fiches would otherwise convert the
   * whole document for each comment); an id they lack is looked up afresh.
   */
  private blockLabel(doc: Y.Doc, blockId: string): string | null {
    const cached = this.labels.get(doc)
    if (cached && performance.now() - cached.at < LABELS_REUSE_MS && cached.labels.has(blockId)) {
      return cached.labels.get(blockId)!
    }
    const labels = labelsOf(doc)
    this.labels.set(doc, { at: performance.now(), labels })
    if (labels.has(blockId)) return labels.get(blockId)!
    return readAnchors(doc).blocks.has(blockId) ? 'Bloc' : null
  }

  private spend(conventionId: string, user: User) {
    return takePerMinute(this.posting, `comments:${conventionId}:${user.id}`, MESSAGES_PER_MINUTE, {
      code: 'too_many_messages',
      message: `at most ${MESSAGES_PER_MINUTE} messages a minute on one convention`,
    })
  }

  /**
   * Resolves the client's positions in the live document and writes the mark, through
   * the server's own direct connection. Positions naming edits this process has not
   * received yet (another process, a slow relay) are waited for a moment.
   */
  private async writeAnchor(
    conventionId: string,
    threadId: string,
    encodedFrom: string,
    encodedTo: string,
  ): Promise<Exclude<PassageResolution, { kind: 'unknown' | 'invalid' }>> {
    const from = decodePosition(encodedFrom)
    const to = decodePosition(encodedTo)
    if (!from || !to) throw invalidAnchor('from and to must be base64-encoded Yjs relative positions')
    return this.documents.edit(conventionId, ANCHOR_CONTEXT, async (editor) => {
      const deadline = performance.now() + UNKNOWN_POSITION_WAIT_MS
      for (;;) {
        let marked = 0
        const { result: resolution, updates } = await editor.transact((doc) => {
          const found = resolvePassage(doc, from, to)
          if (found.kind === 'found') marked = markPassage(found.segments, threadId)
          return found
        })
        // the mark is stored before the thread is answered: an answered comment survives a restart
        for (const update of updates) await this.conventions.storeServerChange(conventionId, update)
        if (resolution.kind === 'unknown' && performance.now() < deadline) {
          await sleep(50)
          continue
        }
        if (resolution.kind === 'unknown') throw invalidAnchor('the positions do not resolve in this convention')
        if (resolution.kind === 'invalid') throw invalidAnchor(resolution.message)
        if (resolution.kind === 'found' && marked === 0) throw invalidAnchor('the passage is already commented')
        return resolution
      }
    })
  }

  private async existing(conventionId: string, threadId: string): Promise<ThreadWithMessages> {
    const found = await this.store.thread(conventionId, threadId)
    if (!found) throw new HttpError(404, 'not_found', 'no such thread')
    return found
  }

  private async messageOf(conventionId: string, threadId: string, messageId: string): Promise<StoredMessage> {
    const { messages } = await this.existing(conventionId, threadId)
    const message = messages.find((m) => m.id === messageId)
    if (!message) throw new HttpError(404, 'not_found', 'no such message')
    return message
  }

  private async threadOf(conventionId: string, threadId: string): Promise<CommentThread | null> {
    const found = await this.store.thread(conventionId, threadId)
    if (!found) return null
    const anchors = await this.conventions.withDocument(conventionId, readAnchors)
    return anchors ? this.threadJson(found, anchors) : null
  }

  private threadJson({ thread, messages }: ThreadWithMessages, anchors: DocumentAnchors): CommentThread {
    const { order, blockId } = placeOf(thread, anchors)
    return {
      id: thread.id,
      anchor: { ...(blockId ? { blockId } : {}), quote: thread.quote, detached: order === undefined },
      status: thread.status,
      createdAt: thread.createdAt,
      author: { id: thread.authorId, name: thread.authorName },
      messages: messages.map(messageJson),
      ...(thread.plenaryId ? { plenaryId: thread.plenaryId } : {}),
    }
  }

  private async changed<A extends `comment_${string}` & keyof ActivityDetails>(
    conventionId: string,
    user: User,
    event: ThreadEvent,
    threadId: string,
    action: A,
    detail: Omit<ActivityDetails[A], 'threadId'>,
  ) {
    await this.live.threadsChanged(conventionId, event, threadId)
    await this.activity
      .append({
        conventionId,
        userId: user.id,
        userName: user.name,
        action,
        detail: { threadId, ...detail },
      } as NewActivity)
      .catch((error) => this.logger.error(`convention ${conventionId}: comment activity not recorded`, error))
  }
}

/** Every block's and entry's label, from the structured form of the document. */
function labelsOf(doc: Y.Doc): Map<string, string> {
  try {
    return blockLabels(yDocToConvention(doc))
  } catch {
    return new Map()
  }
}
