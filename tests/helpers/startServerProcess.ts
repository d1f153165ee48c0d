import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { TokenService } from '@ctg/server'

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hs256'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export interface ServerProcess {
  child: ChildProcess
  port: number
  httpUrl: string
  wsUrl: string
  /** what the process wrote on stderr so far (and on stdout, where its log goes, without QUIET) */
  stderr(): string
  /** SIGKILL: no shutdown hook runs, nothing is flushed */
  kill(): Promise<void>
  /** SIGTERM: the server's own clean shutdown */
  stop(): Promise<void>
}

/** A token the server process accepts (it shares the test secret). */
export function issueTestToken(user = { id: 'u-test', name: 'Testeuse' }): Promise<string> {
  return new TokenService(new TextEncoder().encode(TEST_SECRET), 3600).issue(user)
}

/**
 * The real server in its own process (`server/src/main.ts`), so that a test can
 * SIGKILL it the way a crash or an OOM kill would, then start it again on the
 * same data and the same port.
 */
export async function startServerProcess(options: {
  port: number
  dataDir: string
  env?: Record<string, string>
}): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', '--import', 'tsx', 'server/src/main.ts'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(options.port),
        HOST: '127.0.0.1',
        DATA_DIR: options.dataDir,
        CTG_SECRET: TEST_SECRET,
        QUIET: '1',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  child.stdout!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const httpUrl = `http://127.0.0.1:${options.port}`

  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server process exited (${child.exitCode}): ${stderr}`)
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`server process did not start: ${stderr}`)
    }
    const up = await fetch(`${httpUrl}/api/me`).then(
      () => true,
      () => false,
    )
    if (up) break
    await new Promise((r) => setTimeout(r, 50))
  }

  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name)
    await exited
  }
  return {
    child,
    port: options.port,
    httpUrl,
    wsUrl: `ws://127.0.0.1:${options.port}/collab`,
    stderr: () => stderr,
    kill: () => signal('SIGKILL'),
    stop: () => signal('SIGTERM'),
  }
}
