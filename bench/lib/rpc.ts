import { fork, type ChildProcess } from 'node:child_process'
import { watchEventLoop, type EventLoopStats } from './eventLoop.js'
import { startProfiling, stopProfiling } from './profiler.js'

/** The messages between a benchmark and its child processes (servers, client groups). */
interface Request {
  id: number
  cmd: string
  args: unknown
}
interface Reply {
  id: number
  result?: unknown
  error?: string
}

type Handler = (args: any) => unknown

let stopWatching: (() => EventLoopStats) | undefined

/** In a child: answers the parent's calls (and the profiler's and event-loop watch's), then says it is ready with `info`. */
export function serveRpc(own: Record<string, Handler>, info: unknown): void {
  const handlers: Record<string, Handler> = {
    profileStart: startProfiling,
    profileStop: stopProfiling,
    eventLoopStart: () => void (stopWatching = watchEventLoop()),
    eventLoopStop: () => stopWatching?.(),
    ...own,
  }
  process.on('message', async (message: Request) => {
    const reply: Reply = { id: message.id }
    try {
      const handler = handlers[message.cmd]
      if (!handler) throw new Error(`unknown command ${message.cmd}`)
      reply.result = await handler(message.args)
    } catch (error) {
      reply.error = (error as Error)?.stack ?? String(error)
    }
    process.send!(reply)
  })
  process.send!({ ready: info })
}

export interface ChildOptions {
  env?: Record<string, string>
  /** extra Node flags */
  execArgv?: string[]
  /** start the child at this nice value (all its threads: it is exec'd through nice(1)); 0 by default */
  nice?: number
}

const REPO_ROOT = new URL('../..', import.meta.url).pathname

/** A TypeScript module run in its own Node process (tsx), called over IPC. */
export class RpcChild<Info = unknown> {
  readonly process: ChildProcess
  readonly ready: Promise<Info>
  private nextId = 1
  private readonly pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>()
  private readonly exited: Promise<number | null>

  constructor(entry: string, options: ChildOptions = {}) {
    const nodeArgs = ['--import', 'tsx', '--disable-warning=ExperimentalWarning', ...(options.execArgv ?? [])]
    // setpriority on a pid only changes its main thread: nice(1) execs Node, so every thread inherits it
    const niced = options.nice
      ? { execPath: 'nice', execArgv: ['-n', String(options.nice), process.execPath, ...nodeArgs] }
      : {}
    this.process = fork(entry, [], {
      cwd: REPO_ROOT,
      // advanced serialization carries typed arrays (latency samples, Yjs states) without copying to JSON
      serialization: 'advanced',
      execArgv: nodeArgs,
      ...niced,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    this.exited = new Promise((resolve) => this.process.once('exit', (code) => resolve(code)))
    this.ready = new Promise((resolve, reject) => {
      this.process.once('exit', (code) => reject(new Error(`${entry} exited with ${code} before it was ready`)))
      this.process.on('message', (message: Reply & { ready?: Info }) => {
        if ('ready' in message) return resolve(message.ready as Info)
        const call = this.pending.get(message.id)
        if (!call) return
        this.pending.delete(message.id)
        if (message.error) call.reject(new Error(`${entry}: ${message.error}`))
        else call.resolve(message.result)
      })
    })
    this.exited.then(() => {
      for (const call of this.pending.values()) call.reject(new Error(`${entry} exited`))
      this.pending.clear()
    })
  }

  get pid(): number {
    return this.process.pid!
  }

  /** Profiles the child from now until `profileStop(name)` writes bench/profiles/<name>.cpuprofile. */
  profileStart(): Promise<void> {
    return this.call('profileStart')
  }

  profileStop(name: string): Promise<string> {
    return this.call('profileStop', name)
  }

  /** The child's event loop from now until eventLoopStop (utilization, delay p99 and max). */
  eventLoopStart(): Promise<void> {
    return this.call('eventLoopStart')
  }

  eventLoopStop(): Promise<EventLoopStats> {
    return this.call('eventLoopStop')
  }

  call<T>(cmd: string, args?: unknown): Promise<T> {
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      this.process.send({ id, cmd, args } satisfies Request)
    })
  }

  /** Asks the child to stop; kills it if it does not exit in time. */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return
    this.call('stop').catch(() => {})
    const timer = setTimeout(() => this.process.kill('SIGKILL'), timeoutMs)
    await this.exited
    clearTimeout(timer)
  }
}
