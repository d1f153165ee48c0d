import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { runnableModule } from './runnableModule.js'
import type { RequestChannel } from './WorkerClient.js'

export interface TsProcessOptions {
  /** what the process reads as `process.argv[2]` (JSON) */
  data: unknown
  /** V8's old-generation limit of the process, MiB */
  maxOldGenerationSizeMb: number
  /**
   * started in a session of its own (`setsid`): where Linux groups processes by session for
   * scheduling (autogroup), its CPU time is then not counted against the server's share
   */
  ownSession?: boolean
}

/**
 * A Node child process running one of our modules, named by its TypeScript source (`./x.ts`),
 * spoken to like a worker thread (`RequestChannel`): messages go over its IPC channel with
 * V8's serialization (typed arrays and errors as they are, not JSON), copied rather than
 * transferred. What runs is `runnableModule`'s choice (tsx from the sources). The process never keeps the server alive (unref'd), and
 * ends when the server does (its channel closes: the module is to exit on `disconnect`).
 */
export function startTsProcess(module: URL, options: TsProcessOptions): RequestChannel {
  const flags = ['--disable-warning=ExperimentalWarning', `--max-old-space-size=${options.maxOldGenerationSizeMb}`]
  const { url, tsx } = runnableModule(module)
  const child = fork(fileURLToPath(url), [JSON.stringify(options.data)], {
    execArgv: tsx ? ['--import', 'tsx', ...flags] : flags,
    serialization: 'advanced',
    detached: options.ownSession ?? false,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  child.unref()
  child.channel?.unref()
  const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const channel: RequestChannel = {
    postMessage(message) {
      child.send(message as object, (error) => {
        // the channel closed under the message: the process is ending; 'exit' tells the client
        if (error) child.kill('SIGKILL')
      })
    },
    on(event, listener) {
      const give = listener as (value: unknown) => void
      if (event === 'exit') child.on('exit', (code, signal) => give(code ?? signal))
      else child.on(event, give)
    },
    async terminate() {
      // never started (no pid), or already ended
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGKILL')
      await ended
    },
  }
  return channel
}
