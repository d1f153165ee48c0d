import type { Transferable } from 'node:worker_threads'

/** What every reply carries: the id of its request, and why it failed if it did. */
export interface WorkerReply {
  id: number
  error?: string
  /** a failure the caller tells apart (the rejection's `code`) */
  code?: string
}

/**
 * What requests go through: a worker thread (`Worker` is one as it is) or a child process
 * (`startTsProcess`). `exit` gives the exit code, or the signal that ended a process.
 */
export interface RequestChannel {
  postMessage(message: unknown, transfer?: readonly Transferable[]): void
  /** `message`: a reply; `error`: an `Error`; `exit`: the exit code (a number) or the signal (a string) */
  // typed as Node types an event listener, so that a `Worker` is one as it is
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(event: 'message' | 'error' | 'exit', listener: (...args: any[]) => void): unknown
  terminate(): Promise<unknown>
  /** the CPU time the thread has used (a worker thread has it; a child process is not asked) */
  cpuUsage?(): Promise<{ user: number; system: number }>
}

export interface WorkerClientOptions {
  /** names the thread in the errors of the requests it loses */
  name: string
  /** starts the thread (on first request, and again after it was lost or stopped) */
  start(): RequestChannel
  /** the thread failed or exited by itself; every pending request has already been rejected */
  onLost?(reason: string): void
}

/** The rejection of a request whose thread or process stopped before answering (failed, exited, terminated). */
export class WorkerLost extends Error {}

interface Pending {
  resolve(reply: never): void
  reject(error: Error): void
}

/**
 * Requests to a worker thread and their replies, matched by id: the one protocol of our
 * threads (the SQLite writer, the update sandbox, the merge worker) and of the export process. A reply with `error`
 * rejects its request; a thread that fails or exits rejects every request still pending,
 * and the next request starts a new thread. The thread side answers each `{ id, …job }`
 * with `{ id, …reply }` or `{ id, error }`.
 */
export class WorkerClient<Job extends object, Reply extends WorkerReply> {
  private worker: RequestChannel | undefined
  private nextId = 1
  private readonly pending = new Map<number, Pending>()

  constructor(private readonly options: WorkerClientOptions) {}

  /** Posts the job (its buffers in `transfer` are moved, not copied); resolves with the reply. */
  request(job: Job, transfer: Transferable[] = []): Promise<Reply> {
    const worker = this.started()
    const id = this.nextId++
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      worker.postMessage({ ...job, id }, transfer)
    })
  }

  /** Requests sent and not answered yet. */
  get waiting(): number {
    return this.pending.size
  }

  /** Whether a thread runs now (one is started by the next request otherwise). */
  get running(): boolean {
    return this.worker !== undefined
  }

  /** The CPU time (ms) the thread has used so far (read even while it is busy), or undefined if none runs (yet). */
  async cpuMs(): Promise<number | undefined> {
    const usage = await this.worker?.cpuUsage?.().catch(() => undefined)
    return usage && (usage.user + usage.system) / 1000
  }

  /** Starts the thread ahead of the first request (loading its modules takes a moment). */
  warmUp(): void {
    this.started()
  }

  /** Stops the thread; the requests still pending are rejected with `reason`. */
  async terminate(reason = `the ${this.options.name} stopped`): Promise<void> {
    const worker = this.worker
    this.worker = undefined
    this.rejectAll(reason)
    await worker?.terminate()
  }

  private started(): RequestChannel {
    if (this.worker) return this.worker
    const worker = this.options.start()
    worker.on('message', (reply: Reply) => {
      // a stopped thread's last words answer nothing: its requests were rejected
      if (this.worker !== worker) return
      const pending = this.pending.get(reply.id)
      this.pending.delete(reply.id)
      if (reply.error !== undefined)
        pending?.reject(Object.assign(new Error(reply.error), reply.code === undefined ? {} : { code: reply.code }))
      else pending?.resolve(reply as never)
    })
    const lost = (reason: string) => {
      if (this.worker !== worker) return
      this.worker = undefined
      this.rejectAll(reason)
      this.options.onLost?.(reason)
    }
    worker.on('error', (error: Error) => lost(`the ${this.options.name} failed: ${error.message}`))
    worker.on('exit', (code: number | string) =>
      lost(
        `the ${this.options.name} ${typeof code === 'number' ? `exited with code ${code}` : `was ended by ${code}`}`,
      ),
    )
    this.worker = worker
    return worker
  }

  private rejectAll(reason: string) {
    const pending = [...this.pending.values()]
    this.pending.clear()
    for (const { reject } of pending) reject(new WorkerLost(reason))
  }
}
