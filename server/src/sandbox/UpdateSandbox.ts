import * as Y from 'yjs'
import type { Logger } from '../logger.js'
import { startTsWorker } from '../workers/startTsWorker.js'
import { WorkerClient } from '../workers/WorkerClient.js'
import { acceptsInline } from './acceptsInline.js'
import { SANDBOX_WORKER_DATA, type SandboxJob, type SandboxReply } from './sandboxWorker.js'
import { ownBytes } from '../workers/ownBytes.js'

export type CheckResult =
  /**
   * pending: part of the update waits, in the document as in Yjs, for changes the server does not have yet;
   * integrated: what the document will take of it (with what was waiting for it), the part to store
   */
  | { verdict: 'accepted'; ms: number; pending: boolean; integrated: Uint8Array }
  | { verdict: 'refused' | 'failed'; reason: string; ms: number }
  | { verdict: 'timeout'; ms: number }

/** `ms` of a checked update: the worker's CPU time for it (a timeout's too, see `expire`). */
function verdictOf(reply: SandboxReply): CheckResult {
  const ms = reply.cpuMs ?? reply.ms
  if (reply.refused !== undefined) return { verdict: 'refused', reason: reply.refused, ms }
  if (reply.failed !== undefined) return { verdict: 'failed', reason: reply.failed, ms }
  return {
    verdict: 'accepted',
    ms,
    pending: reply.pending === true,
    integrated: reply.integrated ?? new Uint8Array([0, 0]),
  }
}

interface Check {
  documentName: string
  document: Y.Doc
  update: Uint8Array
  resolve(result: CheckResult): void
}

interface Outstanding {
  job: SandboxJob
  sentAt: number
  budgetMs: number
  check?: Check
  /** the worker's CPU time when the job began, read once it is the job in progress (undefined: not running yet) */
  cpuAtStart?: Promise<number | undefined>
}

/** A replica takes the changes it lacks with its next job, or once this many wait, or after SYNC_DELAY_MS. */
const MAX_BACKLOG = 200
const SYNC_DELAY_MS = 1000

export interface UpdateSandboxOptions {
  /** longest a check may run before the worker is stopped and the update refused */
  timeoutMs: number
  logger: Logger
  /** the document's changes waiting for their dependencies were dropped (see `dropPending`) */
  onPendingDropped?(documentName: string): void
}

/** What an inline check is charged at most (it reads at most a 2 KiB update and 2,000 children). */
const MAX_INLINE_CHARGE_MS = 1

/** An inline check has no one to tell: its answer is returned at once. */
const acceptedInline = () => undefined

/**
 * Applies each client update to a replica of its document in a worker thread before the
 * document itself takes it, so that no update can hold the main thread for longer than
 * the time it was measured to take on the replica. A crafted update can make Yjs work
 * far longer than its size suggests (yjs#687: run-length counts that decode forever;
 * concurrent insertions at one position that integrate in quadratic time); the worker is
 * stopped when a check runs past `timeoutMs`, and started again with fresh replicas.
 *
 * An update whose cost is bounded by its size and that the worker would accept (characters
 * typed into a text, see `acceptsInline`) is accepted on the main thread instead, without
 * the round trip, when nothing else of its document is being checked or waits to be applied:
 * the document then holds every update accepted so far, as the replica would.
 *
 * The replica receives every update its document receives that no check gave it (`sync`:
 * the server's own changes, and those accepted on the main thread), in batches sent before
 * its next check; it is loaded from the document's state on first use, so it always holds at
 * least what the document holds. The worker answers jobs in order, which is how the watchdog
 * knows when the job in progress started.
 */
export class UpdateSandbox {
  private readonly thread: WorkerClient<SandboxJob, SandboxReply>
  private readonly loaded = new Set<string>()
  /** per document, updates a replica took that the document has not applied yet (see `applied`) */
  private readonly inFlight = new Map<string, Set<Uint8Array>>()
  /** per loaded replica, the updates it has yet to take (see `sync`) */
  private readonly backlog = new Map<string, Uint8Array[]>()
  private backlogTimer: NodeJS.Timeout | undefined
  private outstanding: Outstanding[] = []
  private lastReplyAt = 0
  private watchdog: NodeJS.Timeout | undefined
  private destroyed = false

  constructor(private readonly options: UpdateSandboxOptions) {
    this.thread = new WorkerClient({
      name: 'worker',
      start: () => {
        const worker = startTsWorker(new URL('./sandboxWorker.ts', import.meta.url), {
          workerData: SANDBOX_WORKER_DATA,
          // an update that allocates without end kills the worker, not the server
          resourceLimits: { maxOldGenerationSizeMb: 1024 },
        })
        worker.unref()
        this.lastReplyAt = performance.now()
        return worker
      },
      onLost: (reason) => this.restart(reason),
    })
  }

  /** Resolves once the update has been applied to the replica (or accepted inline), or refused. */
  check(documentName: string, document: Y.Doc, update: Uint8Array): Promise<CheckResult> {
    if (this.quiet(documentName)) {
      // wall time rather than this thread's CPU clock (a system call on every keystroke), capped:
      // what is accepted here is small by construction, so more is other processes' turns, which
      // must not spend the user's budget (see ARCHITECTURE.md, chaos seeds 4 and 106)
      const start = performance.now()
      if (acceptsInline(document, update)) {
        this.track({ documentName, document, update, resolve: acceptedInline })
        this.sync(documentName, ownBytes(update))
        // nothing of it waits (acceptsInline refuses what does): all of it integrates
        return Promise.resolve({
          verdict: 'accepted',
          ms: Math.min(performance.now() - start, MAX_INLINE_CHARGE_MS),
          pending: false,
          integrated: update,
        })
      }
    }
    return new Promise((resolve) => this.dispatch({ documentName, document, update, resolve }))
  }

  /** Whether no update of the document is being checked in the worker or waits to be applied. */
  private quiet(documentName: string): boolean {
    return (
      !this.destroyed &&
      !this.inFlight.has(documentName) &&
      !this.outstanding.some((o) => o.check?.documentName === documentName)
    )
  }

  /** Whether a check is waiting for the worker or running in it (for tests and monitoring). */
  get checking(): boolean {
    return this.outstanding.some((o) => o.check !== undefined)
  }

  /** Starts the worker ahead of the first check (it loads the schema, which takes a moment). */
  warmUp(): void {
    if (!this.destroyed) this.thread.warmUp()
  }

  /**
   * The document applied (or will never apply) an update this sandbox accepted. Until then a
   * replica loaded from the document gets it too: loaded without it (after a refusal dropped
   * the replica), a replica would take the updates that depend on it as pending, and let them
   * in unchecked when it arrives.
   */
  applied(documentName: string, update: Uint8Array): void {
    const updates = this.inFlight.get(documentName)
    updates?.delete(update)
    if (updates?.size === 0) this.inFlight.delete(documentName)
  }

  /** Keeps the replica in step with a change the document took that no check gave it. */
  sync(documentName: string, update: Uint8Array): void {
    if (!this.loaded.has(documentName)) return
    const updates = this.backlog.get(documentName)
    if (!updates) this.backlog.set(documentName, [update])
    else if (updates.push(update) >= MAX_BACKLOG) return this.flush(documentName)
    this.backlogTimer ??= setTimeout(() => {
      this.backlogTimer = undefined
      for (const documentName of [...this.backlog.keys()]) this.flush(documentName)
    }, SYNC_DELAY_MS).unref()
  }

  /** Sends the replica the updates it has yet to take, in one job. */
  private flush(documentName: string) {
    const updates = this.backlog.get(documentName)
    this.backlog.delete(documentName)
    if (updates && this.loaded.has(documentName)) this.post({ kind: 'sync', documentName, updates }, this.loadBudgetMs)
  }

  /** The replica is gone (or will be): it is loaded again from the document, which holds what it lacked. */
  private unload(documentName: string) {
    this.loaded.delete(documentName)
    this.backlog.delete(documentName)
  }

  /** The replica took what its document never will (unloaded meanwhile): load it again at the next check. */
  reload(documentName: string): void {
    if (this.loaded.delete(documentName)) this.post({ kind: 'forget', documentName }, this.loadBudgetMs)
  }

  forget(documentName: string): void {
    this.inFlight.delete(documentName)
    this.backlog.delete(documentName)
    if (this.loaded.delete(documentName)) this.post({ kind: 'forget', documentName }, this.loadBudgetMs)
  }

  async destroy(): Promise<void> {
    this.destroyed = true
    clearTimeout(this.watchdog)
    clearTimeout(this.backlogTimer)
    this.backlog.clear()
    for (const { check } of this.outstanding) check?.resolve({ verdict: 'failed', reason: 'server stopping', ms: 0 })
    this.outstanding = []
    await this.thread.terminate()
  }

  /** Loading a replica costs what loading the document cost the server: allow more than for one update. */
  private get loadBudgetMs() {
    return Math.max(10_000, 4 * this.options.timeoutMs)
  }

  private dispatch(check: Check) {
    if (this.destroyed) return check.resolve({ verdict: 'failed', reason: 'server stopping', ms: 0 })
    // an unloaded copy is no base for a replica (the caller refuses the update)
    if (check.document.isDestroyed) return check.resolve({ verdict: 'failed', reason: 'document unloaded', ms: 0 })
    const { documentName, document, update } = check
    if (!this.loaded.has(documentName)) {
      const state = Y.encodeStateAsUpdate(document)
      const inFlight = [...(this.inFlight.get(documentName) ?? [])]
      const update = inFlight.length > 0 ? Y.mergeUpdates([state, ...inFlight]) : state
      this.backlog.delete(documentName)
      this.post({ kind: 'load', documentName, update }, this.loadBudgetMs)
      this.loaded.add(documentName)
    } else this.flush(documentName)
    this.post({ kind: 'check', documentName, update: ownBytes(update) }, this.options.timeoutMs, check)
  }

  private post(job: SandboxJob, budgetMs: number, check?: Check) {
    const sent: Outstanding = { job, sentAt: performance.now(), budgetMs, check }
    this.outstanding.push(sent)
    // a request lost with its worker is dealt with by restart()
    this.thread.request(job).then(
      (reply) => this.onReply(sent, reply),
      () => undefined,
    )
    if (this.outstanding.length === 1) this.arm()
  }

  private onReply(done: Outstanding, reply: SandboxReply) {
    // the worker answers in order: this is the oldest job
    if (this.outstanding[0] !== done) return
    this.outstanding.shift()
    this.lastReplyAt = performance.now()
    if (reply.dropped || reply.missing) this.unload(done.job.documentName)
    // a replica dropped after this check was sent: load it again and check again
    if (done.check && reply.missing) this.dispatch(done.check)
    else if (done.check && reply.pendingInvolved) this.dropPending(done.check)
    else if (done.check) {
      const result = verdictOf(reply)
      if (result.verdict === 'accepted') this.track(done.check)
      done.check.resolve(result)
    }
    this.arm()
  }

  private track({ documentName, update }: Check) {
    const updates = this.inFlight.get(documentName) ?? new Set()
    this.inFlight.set(documentName, updates.add(update))
  }

  /**
   * A refused update integrated changes that were waiting for it, which may be the refused
   * part: left there, they would come in with every later update that brings their
   * dependencies, and refuse it too. They are dropped, and the update is checked again on its
   * own. Nothing dropped was stored (only what integrates is), and no sender was told that it
   * was: their sockets are closed (`onPendingDropped`), and they hand them over again at
   * their next sync, where they integrate at once and are checked as any update.
   */
  private dropPending(check: Check) {
    const { store } = check.document
    store.pendingStructs = null
    store.pendingDs = null
    this.options.logger.warn(`convention ${check.documentName}: dropped changes waiting for their dependencies`)
    this.options.onPendingDropped?.(check.documentName)
    this.dispatch(check)
  }

  /** Watches the job in progress: the oldest one, started when it was sent or when the previous one was answered. */
  private arm() {
    clearTimeout(this.watchdog)
    const current = this.outstanding[0]
    if (!current) return
    current.cpuAtStart ??= this.thread.cpuMs()
    const deadline = Math.max(current.sentAt, this.lastReplyAt) + current.budgetMs
    this.watch(current, deadline - performance.now())
  }

  private watch(current: Outstanding, delayMs: number) {
    clearTimeout(this.watchdog)
    this.watchdog = setTimeout(() => void this.expire(current), delayMs)
    this.watchdog.unref()
  }

  /**
   * The job in progress has run for its budget in wall time. On a busy machine much of that
   * can be time the worker (or this thread) waited for a processor: stopped, a check that
   * cost a few milliseconds was refused as too costly (4413), its replicas reloaded, and its
   * user charged seconds of budget (4429 for a minute after). So the job is stopped only once
   * the worker has used its budget in CPU time, and otherwise watched for the CPU time left.
   */
  private async expire(current: Outstanding) {
    if (this.outstanding[0] !== current) return
    const [start, now] = await Promise.all([current.cpuAtStart, this.thread.cpuMs()])
    // answered meanwhile (its reply may have waited behind this thread's timers), or the worker was lost
    if (this.outstanding[0] !== current) return
    // a thread not running yet (still starting, on a busy machine) has used nothing
    const usedMs = now === undefined ? 0 : now - (start ?? 0)
    if (usedMs < current.budgetMs) return this.watch(current, current.budgetMs - usedMs)
    const reason = `${current.job.kind} ran over ${current.budgetMs} ms of CPU time`
    void this.thread.terminate(reason)
    this.restart(reason, usedMs)
  }

  /**
   * Stops the worker; the job in progress (and every check of a document whose replica
   * could not be loaded) is answered `timeout`, charged the CPU time the job used
   * (`usedMs`; the wall time it ran when the worker died by itself, its CPU time gone with
   * it); the other checks run again on a new worker.
   */
  private restart(reason: string, usedMs?: number) {
    if (this.destroyed) return
    clearTimeout(this.watchdog)
    this.loaded.clear()
    this.backlog.clear()
    const [current, ...rest] = this.outstanding
    this.outstanding = []
    this.options.logger.warn(`update sandbox restarted: ${reason}`)
    const unloadable = current?.job.kind === 'load' ? current.job.documentName : undefined
    const ms = usedMs ?? (current ? performance.now() - Math.max(current.sentAt, this.lastReplyAt) : 0)
    current?.check?.resolve({ verdict: 'timeout', ms })
    for (const { check } of rest) {
      if (!check) continue
      if (check.documentName === unloadable) check.resolve({ verdict: 'timeout', ms })
      else this.dispatch(check)
    }
  }
}
